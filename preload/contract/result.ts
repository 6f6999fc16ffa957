export interface AppError {
  /** Stable machine code, e.g. `KEYCHAIN_UNAVAILABLE` or an API code such as `CALL_NOT_FOUND`. */
  code: string;
  /** English developer-facing text; the renderer translates `code` for people. */
  message: string;
  /** Values a translated sentence may need (retry time, HTTP status, ...). */
  details?: Record<string, string | number | boolean | null>;
}

/** What every command answers (Signal's result wrapping): the renderer never sees a thrown error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };
