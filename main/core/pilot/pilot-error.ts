import type { AppError } from '../../../preload/contract';

/** `refused`: the app itself would not send the request (an address the key may not go to). */
export type PilotErrorKind = 'http' | 'network' | 'timeout' | 'malformed' | 'refused';

/**
 * Anything that went wrong talking to Pilot Status, named by a code the UI can
 * translate: the API's own `code` when the body has one, else a code derived
 * from the HTTP status or the transport failure.
 */
export class PilotApiError extends Error {
  constructor(
    readonly kind: PilotErrorKind,
    readonly code: string,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** Facts from the error body worth showing (e.g. when the next permission request is allowed). */
    readonly extra: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'PilotApiError';
  }

  /** 401/403: the key is wrong or has the wrong scope; retrying soon will not help. */
  get isAuth(): boolean {
    return this.status === 401 || this.status === 403;
  }

  toAppError(): AppError {
    const details: NonNullable<AppError['details']> = { ...this.extra };
    if (this.status !== undefined) details.status = this.status;
    if (this.retryAfterMs !== undefined) details.retryAfterMs = this.retryAfterMs;
    return { code: this.code, message: this.message, details };
  }
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds. */
export const parseRetryAfter = (value: string | null, now: number): number | undefined => {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

const codeForStatus = (status: number): string => {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'SERVER_ERROR';
  return `HTTP_${status}`;
};

/** Meta's numeric calling errors (contract §3) under the names the UI has sentences for. */
const metaErrorCodes: Record<number, string> = {
  138006: 'META_CALL_PERMISSION_REQUIRED',
  138009: 'META_CALL_PERMISSION_REQUEST_LIMIT',
  131044: 'META_CALLING_PAYMENT_REQUIRED',
  138015: 'META_CALLING_TIER_TOO_LOW',
};
/** Pilot codes that only say "Meta refused": the Meta number inside names the reason better. [assumed] */
const genericCodes = new Set(['META_API_ERROR', 'META_ERROR', 'BAD_REQUEST']);

const metaCodeOf = (record: Record<string, unknown>, nested: Record<string, unknown>): string | undefined => {
  const number = [nested.code, record.metaCode, record.meta_code, record.error_code].find((c) => typeof c === 'number') as number | undefined;
  if (number === undefined) return undefined;
  // Meta's "Invalid parameter" for an SDP it will not take (code 100, subcode 2494010).
  if (number === 100 && nested.error_subcode === 2494010) return 'META_INVALID_SDP';
  return metaErrorCodes[number];
};

/** Builds the error for a non-2xx answer from whatever body came with it. */
export const httpError = (status: number, body: unknown, retryAfterMs?: number): PilotApiError => {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const nested = record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>) : {};
  const apiCode = [record.code, nested.code].find((c) => typeof c === 'string' && c.length > 0) as string | undefined;
  const apiMessage = [record.message, nested.message].find((m) => typeof m === 'string') as string | undefined;
  const metaCode = metaCodeOf(record, nested);
  const code = (apiCode && !genericCodes.has(apiCode) ? apiCode : (metaCode ?? apiCode)) ?? codeForStatus(status);
  const extra: Record<string, string | number> = {};
  if (typeof record.nextAllowedAt === 'string') extra.nextAllowedAt = record.nextAllowedAt;
  return new PilotApiError('http', code, apiMessage ?? `Pilot Status answered HTTP ${status}`, status, retryAfterMs, extra);
};
