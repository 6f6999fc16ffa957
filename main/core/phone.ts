import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Pilot sends peer numbers as digits that may lack the `+` (contract §3).
 * Returns E.164 when the digits parse as an international number, else the
 * input trimmed, so nothing is lost.
 */
export const normalizePeerNumber = (raw: string): string => {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/[^\d+]/g, '');
  const candidate = digits.startsWith('+') ? digits : `+${digits}`;
  const parsed = parsePhoneNumberFromString(candidate);
  return parsed?.isPossible() ? parsed.number : trimmed;
};

/** `+5511999999999` → `+55 11 99999-9999`, for notifications. */
export const displayPhone = (e164: string): string => parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;

/**
 * What an agent typed into the dialer, as E.164: Brazilian formats first
 * (`(11) 98765-4321`, `011 98765-4321`), or any international number with
 * `+`. Null when it is not a valid number.
 */
export const parseDialedNumber = (typed: string): string | null => {
  const text = typed.trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(text, 'BR');
  return parsed?.isValid() ? parsed.number : null;
};
