/**
 * Deep redaction for logs and diagnostics: keys whose names say "secret"
 * are censored at any depth, and Pilot Status keys (`ps_...`), team agent
 * tokens (`pst_...`) and bearer tokens are cut out of any text, messages and
 * error stacks included.
 */

export const censor = '[secret]';

/** Field names (compared without case, `-` and `_`) whose values are never written. */
const secretNames = new Set(['apikey', 'key', 'secret', 'token', 'password', 'passwd', 'authorization', 'xapikey', 'cookie', 'setcookie', 'wsurl', 'accesstoken', 'refreshtoken', 'clientsecret']);

const normalise = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

export const isSecretName = (name: string): boolean => secretNames.has(normalise(name));

/** Pilot Status keys, bearer tokens and credentials in URLs, wherever they appear in text. */
const secretText: [RegExp, string][] = [
  [/\bps_[A-Za-z0-9_-]{4,}/g, `ps_${censor}`],
  [/\bpst_[A-Za-z0-9_-]{4,}/g, `pst_${censor}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${censor}`],
  [/([?&](?:token|key|apikey|api_key|access_token|secret)=)[^&#\s"]+/gi, `$1${censor}`],
  [/(\/\/)[^/@\s:]+:[^/@\s]+@/g, `$1${censor}@`],
];

export const redactText = (text: string): string => secretText.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);

/** A copy of `value` with every secret field censored and every text cleaned, at any depth (cycles cut). */
export const redactDeep = (value: unknown, seen = new WeakSet<object>()): unknown => {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    const error = value as Error & { code?: unknown; cause?: unknown };
    return redactDeep({ type: error.name, message: error.message, stack: error.stack, ...(error.code !== undefined ? { code: error.code } : {}), ...(error.cause !== undefined ? { cause: error.cause } : {}) }, seen);
  }
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, seen));
  if (value instanceof Map) return redactDeep(Object.fromEntries(value), seen);
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, isSecretName(key) && item !== null && item !== undefined && item !== '' ? censor : redactDeep(item, seen)]));
};
