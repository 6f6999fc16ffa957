import { z } from 'zod';
import { globalShortcutActions, shortcutActions, themes, type GlobalShortcutAction, type ShortcutAction, type Theme } from './constants';

/**
 * How one agent's workstation behaves over a shift: the window's look and
 * size, where and how loud calls ring, the keyboard, and per line whether a
 * call is answered on its own and how long the wrap-up after a call lasts.
 * Part of the settings (`app.ts`); the main side keeps them in the profile.
 */

/** A key combination: modifiers in the order Ctrl, Alt, Shift, Meta, then one key, e.g. `Ctrl+Alt+A`, `F2`. */
export type KeyCombo = string;
export type ShortcutMap = Record<ShortcutAction, KeyCombo>;
export type GlobalShortcutMap = Record<GlobalShortcutAction, KeyCombo>;

/** Per line: answer on its own after N seconds (a short beep first), and N seconds of wrap-up after each call. */
export interface LineAnswering {
  /** Null: off (the default). */
  autoAnswerSeconds: number | null;
  /** Null: no wrap-up; the next call may ring as soon as one ends. */
  wrapUpSeconds: number | null;
}

export interface AudioDeviceChoice {
  /** The browser's device id (it may change between launches, so the label is the fallback). */
  id: string;
  label: string;
}

export interface Preferences {
  theme: Theme;
  /** Desktop app only: the window stays above other windows. */
  alwaysOnTop: boolean;
  /** 0 (silent) to 1. */
  ringVolume: number;
  /** The speakers calls ring on, apart from the headset they are talked on; null: the system's default output. */
  ringerDevice: AudioDeviceChoice | null;
  /** The window's shortcuts, every action with its keys (defaults filled in). */
  shortcuts: ShortcutMap;
  /** Desktop app only: keys that work even when another program has the focus. */
  globalShortcuts: { enabled: boolean; keys: GlobalShortcutMap };
  /** By line id; a line without an entry answers by hand and has no wrap-up. */
  lineAnswering: Record<string, LineAnswering>;
  /** The window's last size, restored at the next start. */
  windowSize: { width: number; height: number } | null;
}

const keyName = '(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Enter|Space|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Up|Down|Left|Right|Escape|Tab|[-=[\\];\',./`\\\\])';
/** What a key combination looks like on the wire; which ones are allowed is the main side's rule. */
export const keyComboPattern = new RegExp(`^(?:Ctrl\\+)?(?:Alt\\+)?(?:Shift\\+)?(?:Meta\\+)?${keyName}$`);

const keyCombo = z.string().max(40).regex(keyComboPattern, 'SHORTCUT_FORMAT');
const lineAnswering = z
  .object({
    autoAnswerSeconds: z.number().int().min(1, 'AUTO_ANSWER_RANGE').max(60, 'AUTO_ANSWER_RANGE').nullable(),
    wrapUpSeconds: z.number().int().min(5, 'WRAP_UP_RANGE').max(900, 'WRAP_UP_RANGE').nullable(),
  })
  .strict();

/** The `settings.update` fields for the preferences; each replaces what was there (null shortcuts: back to the defaults). */
export const preferencesPatch = {
  theme: z.enum(themes).optional(),
  alwaysOnTop: z.boolean().optional(),
  ringVolume: z.number().min(0).max(1).optional(),
  ringerDevice: z.object({ id: z.string().max(300), label: z.string().max(300) }).strict().nullable().optional(),
  shortcuts: z.object(Object.fromEntries(shortcutActions.map((a) => [a, keyCombo])) as Record<ShortcutAction, typeof keyCombo>).strict().nullable().optional(),
  globalShortcuts: z
    .object({ enabled: z.boolean(), keys: z.object(Object.fromEntries(globalShortcutActions.map((a) => [a, keyCombo])) as Record<GlobalShortcutAction, typeof keyCombo>).strict() })
    .strict()
    .optional(),
  lineAnswering: z.record(z.string().min(1).max(200), lineAnswering).optional(),
  windowSize: z.object({ width: z.number().int().min(200).max(10_000), height: z.number().int().min(200).max(10_000) }).strict().nullable().optional(),
};
