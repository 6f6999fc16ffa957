import { AsYouType, parsePhoneNumberFromString } from 'libphonenumber-js';
import { numberInCallLink } from '../../../preload/contract/constants';

/** `+5511987654321` → `+55 11 98765-4321`; anything unparseable is shown as it came. */
export const formatPhone = (number: string): string => parsePhoneNumberFromString(number)?.formatInternational() ?? number;

/** `mm:ss`, or `h:mm:ss` past an hour. */
export const formatDuration = (totalSeconds: number): string => {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
};

/** Formats what the agent types as they type, Brazilian formats first: `11987654321` → `(11) 98765-4321`. */
export const formatAsTyped = (typed: string): string => {
  const text = typed.replace(/^00/, '+');
  return new AsYouType(text.startsWith('+') ? undefined : 'BR').input(text);
};

/** What the agent typed (or pasted: a tel: or WhatsApp link too) as E.164, or null when it is not a complete valid number. */
export const dialableNumber = (typed: string): string | null => {
  const inner = numberInCallLink(typed);
  if (inner === null) return null;
  const parsed = parsePhoneNumberFromString(inner.trim().replace(/^00/, '+'), 'BR');
  return parsed?.isValid() ? parsed.number : null;
};
