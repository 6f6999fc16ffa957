import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Contact numbers without a country code are Brazilian, as the agents who type and export them are. */
export const defaultRegion = 'BR';

/**
 * A contact's number as E.164, from how people write numbers in address
 * books and CRM exports: `(11) 98765-4321`, `011 98765-4321`,
 * `+55 11 98765-4321`, `5511987654321` (country code without `+`, as
 * WhatsApp ids are), `tel:+55-11-98765-4321` (vCard 4.0). Null when it is not
 * a valid number.
 */
export const parseContactNumber = (written: string): string | null => {
  const text = written
    .trim()
    .replace(/^tel:/i, '')
    .replace(/[;,]?\s*(ext\.?|ramal|x)\s*\d+$/i, '')
    .replace(/^00/, '+');
  if (!/\d/.test(text) || text.length > 40) return null;
  const parsed = parsePhoneNumberFromString(text, defaultRegion);
  if (parsed?.isValid()) return parsed.number;
  // Digits with a country code but no `+` (another country than Brazil).
  const digits = text.replace(/\D/g, '');
  if (!text.startsWith('+') && digits.length >= 11) {
    const international = parsePhoneNumberFromString(`+${digits}`);
    if (international?.isValid()) return international.number;
  }
  return null;
};

/** `+55 DD 9 NNNN-NNNN`: a Brazilian mobile with its ninth digit; the old eight-digit numbers began with 6 to 9. */
const brazilianMobile = /^\+55(\d{2})9([6-9]\d{7})$/;
/** The same mobile as WhatsApp often reports it, without the ninth digit. */
const brazilianMobileWithoutNine = /^\+55(\d{2})([6-9]\d{7})$/;

/**
 * What a number is matched by: WhatsApp often reports a Brazilian mobile
 * without the ninth digit Brazil added in 2012-2016 (`+55 11 8765-4321` for
 * `+55 11 98765-4321`), so both forms share one key. Landlines (first digit
 * 2 to 5) and other countries are their own key.
 */
export const numberMatchKey = (e164: string): string => {
  const mobile = brazilianMobile.exec(e164);
  return mobile ? `+55${mobile[1]}${mobile[2]}` : e164;
};

/** Every way a call log may hold this number: itself and, for a Brazilian mobile, the form with or without its ninth digit. */
export const numberVariants = (e164: string): string[] => {
  const withNine = brazilianMobile.exec(e164);
  if (withNine) return [e164, `+55${withNine[1]}${withNine[2]}`];
  const withoutNine = brazilianMobileWithoutNine.exec(e164);
  if (withoutNine) return [e164, `+55${withoutNine[1]}9${withoutNine[2]}`];
  return [e164];
};

/** A number's digits, for searching by any run of them. */
export const numberDigits = (e164: string): string => e164.replace(/\D/g, '');
