/**
 * Values both sides need at run time, free of zod and of anything else the
 * renderer should not bundle. This is the one file of the contract the
 * renderer may import as code (lint allows it); everything else it imports
 * as types only.
 */

export const providers = ['META', 'EVO_GO'] as const;
export type Provider = (typeof providers)[number];

/** The number types by the short names admins write in policy files and templates. */
export const providerByNumberType = { meta: 'META', web: 'EVO_GO' } as const satisfies Record<string, Provider>;
export type NumberType = keyof typeof providerByNumberType;

export const locales = ['en', 'pt-BR', 'es'] as const;
export type Locale = (typeof locales)[number];

/** Pilot Status itself; a line's address is this unless the agent uses a staging server or a proxy. */
export const defaultBaseUrl = 'https://pilotstatus.com.br';

/** The history source that is this computer's own call log (the others are team lines, by id). */
export const localHistory = 'local';

export const callOutcomes = ['answered', 'missed', 'declined', 'answered-elsewhere', 'failed', 'unknown'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/**
 * The i18n key for how a call ended, as the agent reads it, in the window and
 * in CSV exports alike: an outbound call the customer did not pick up is "not
 * answered", not "missed" (a missed call is a customer nobody answered).
 */
export const outcomeLabelKey = (direction: 'INBOUND' | 'OUTBOUND', outcome: CallOutcome | null): string =>
  direction === 'OUTBOUND' && outcome === 'missed' ? 'outcome.notAnswered' : `outcome.${outcome ?? 'live'}`;

/** Web numbers: PCM16 rates the realtime socket may speak (both directions). */
export const wireSampleRates = [8000, 16000, 24000, 48000] as const;
export type WireSampleRate = (typeof wireSampleRates)[number];
export const defaultWireSampleRate: WireSampleRate = 16000;

/**
 * The binary channel per call between the renderer and the main side (a
 * WebSocket in the browser host, a MessagePort in Electron) carries frames
 * of an 8-byte float64 time stamp followed by PCM16 samples. Never JSON,
 * never the contract socket.
 */
export const mediaSocketProtocol = 'pilot-media.v1';
export const mediaSocketPath = '/media';
/** Why the main side closed a call's channel: the call has no audio, or a newer window's channel took it over. */
export const mediaChannelClose = { noAudio: 4404, replaced: 4409 } as const;
/** Electron: IPC names of the request for a call's MessagePort and of its delivery; the preload re-posts it to the page as `pilot-media-port`. */
export const mediaPortChannels = { open: 'media:open', port: 'media:port', windowMessage: 'pilot-media-port' } as const;

/** Subprotocols the browser host's contract socket speaks; the secret travels as a second one. */
export const socketProtocol = 'pilot-contract.v1';
export const socketSecretPrefix = 'secret.';
/** The browser host's contract socket. */
export const contractSocketPath = '/contract';
/** Browser host: where a window exchanges the one-time code of its address (`#code=`) for the session secret, and the header carrying it. */
export const launchSessionPath = '/session';
export const launchCodeHeader = 'x-pilot-launch-code';

/**
 * The USB HID Telephony usage page (hook switch, phone mute, flash...). The
 * window asks WebHID only for devices with a collection on it, and the
 * Electron host lets the window reach no other HID device.
 */
export const hidTelephonyUsagePage = 0x0b;

/** What the agent sets in the header or the tray; Busy and Wrap-up come on their own (see availability.ts). */
export const availabilityChoices = ['available', 'away', 'dnd'] as const;
export type AvailabilityChoice = (typeof availabilityChoices)[number];

/** The window's colours: the system's, or one the agent chose. */
export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** What a key combination can do in the window (help is fixed: `?` and F1). */
export const shortcutActions = ['answer', 'decline', 'hangUp', 'mute', 'hold', 'keypad', 'dial', 'nextTab'] as const;
export type ShortcutAction = (typeof shortcutActions)[number];
/** What a system-wide key combination can do (desktop app only). */
export const globalShortcutActions = ['answerOrHangUp', 'mute'] as const;
export type GlobalShortcutAction = (typeof globalShortcutActions)[number];

/**
 * The phone number a click-to-call link carries, as text to parse as a
 * dialed number: `tel:+55 11 98765-4321`, `whatsapp://send?phone=5511...`,
 * `https://wa.me/5511...`, `https://api.whatsapp.com/send?phone=...`.
 * WhatsApp links carry international digits without `+`, so it is added.
 * Text that is not such a link is returned as it came; a link without a
 * number gives null. Both sides use this one rule (the dialer, `--call`,
 * links the desktop opens the app with).
 */
export const numberInCallLink = (text: string): string | null => {
  const trimmed = text.trim();
  const international = (digits: string | null): string | null => {
    const clean = (digits ?? '').replace(/[^\d+]/g, '');
    if (!/\d/.test(clean)) return null;
    return clean.startsWith('+') ? clean : `+${clean}`;
  };
  const tel = /^tel:(?:\/\/)?([^;?#]*)/i.exec(trimmed);
  if (tel) {
    const number = decodeURIComponent(tel[1] ?? '').trim();
    return /\d/.test(number) ? number : null;
  }
  const waMe = /^(?:https?:\/\/)?wa\.me\/([^/?#]*)/i.exec(trimmed);
  if (waMe) return international(waMe[1] ?? null);
  if (/^whatsapp:/i.test(trimmed) || /^(?:https?:\/\/)?api\.whatsapp\.com\//i.test(trimmed)) {
    const phone = /[?&]phone=([^&#]*)/i.exec(trimmed)?.[1] ?? /^whatsapp:\/*(\+?[\d\s().-]+)$/i.exec(trimmed)?.[1] ?? null;
    return international(phone === null ? null : decodeURIComponent(phone));
  }
  return trimmed;
};

/** Whether text is a click-to-call link (as opposed to a number typed as is). */
export const isCallLink = (text: string): boolean => /^(?:tel:|whatsapp:|(?:https?:\/\/)?(?:wa\.me|api\.whatsapp\.com)\/)/i.test(text.trim());

/** Largest contacts file an import takes (bytes, before base64): about 100,000 contacts without photos. */
export const contactImportMaxBytes = 10 * 1024 * 1024;
/** The largest request the contract carries: a contacts file in base64, with room for the rest of the frame. */
export const maxContractFrameBytes = Math.ceil(contactImportMaxBytes / 3) * 4 + 64 * 1024;

/** Days of a weekly schedule, as Meta's call hours name them. */
export const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof weekdays)[number];
