import { parsePhoneNumberFromString } from 'libphonenumber-js';

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
