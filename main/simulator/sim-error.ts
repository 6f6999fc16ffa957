/** An API error as Pilot Status answers it: HTTP status plus `{code, message}`. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Further fields of the error body, e.g. Meta's own error object. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}
