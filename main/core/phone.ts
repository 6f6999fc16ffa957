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
