/**
 * What a Pilot Status API key can look like (contract §1: `ps_<secret>`), as
 * a plain function shared by the contract's schemas and the main side. The
 * secret's length and alphabet are not documented beyond being sent in a
 * header, so any URL-safe secret is accepted; only text that cannot be a key
 * is refused, naming exactly why.
 */

/** Why a pasted key cannot be a Pilot Status key; the codes have sentences in the locales. */
export type ApiKeyProblem = 'API_KEY_PREFIX' | 'API_KEY_EMPTY' | 'API_KEY_CHARACTERS' | 'API_KEY_TOO_LONG';

export const apiKeyPrefix = 'ps_';
/** Far beyond any key seen; a longer paste is a whole document, not a key. */
export const apiKeyMaxLength = 512;

/** RFC 3986 unreserved characters: what a secret can hold and still travel unescaped in a URL or header. */
const urlSafe = /^[A-Za-z0-9._~-]+$/;

/** What is wrong with a pasted key (already trimmed), or null when it can be a key. */
export const apiKeyProblem = (key: string): ApiKeyProblem | null => {
  if (!key.startsWith(apiKeyPrefix)) return 'API_KEY_PREFIX';
  const secret = key.slice(apiKeyPrefix.length);
  if (secret.length === 0) return 'API_KEY_EMPTY';
  if (key.length > apiKeyMaxLength) return 'API_KEY_TOO_LONG';
  return urlSafe.test(secret) ? null : 'API_KEY_CHARACTERS';
};
