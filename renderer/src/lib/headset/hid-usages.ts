import { hidTelephonyUsagePage } from '../../../../preload/contract/constants';

/**
 * The HID usages a headset's call control is made of (HID Usage Tables 1.5:
 * Telephony Device page 0x0B, LED page 0x08), as WebHID's extended usages
 * (page << 16 | id).
 */
export const ledUsagePage = 0x08;

export const usageOf = (page: number, id: number): number => ((page << 16) | id) >>> 0;

/** Buttons the agent presses, on the Telephony page. */
export const telephonyControls = {
  hookSwitch: usageOf(hidTelephonyUsagePage, 0x20),
  flash: usageOf(hidTelephonyUsagePage, 0x21),
  drop: usageOf(hidTelephonyUsagePage, 0x26),
  phoneMute: usageOf(hidTelephonyUsagePage, 0x2f),
} as const;
export type TelephonyControl = keyof typeof telephonyControls;

/** Lights the app drives, on the LED page. */
export const telephonyLeds = {
  offHook: usageOf(ledUsagePage, 0x17),
  ring: usageOf(ledUsagePage, 0x18),
  mute: usageOf(ledUsagePage, 0x09),
  hold: usageOf(ledUsagePage, 0x20),
} as const;
export type TelephonyLed = keyof typeof telephonyLeds;

/** The order the lights' reports go out in when several change at once: the line first, the ring after it. */
export const ledOrder: readonly TelephonyLed[] = ['offHook', 'ring', 'mute', 'hold'];
