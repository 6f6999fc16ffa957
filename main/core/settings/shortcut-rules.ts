import { globalShortcutActions, shortcutActions, type GlobalShortcutAction, type GlobalShortcutMap, type KeyCombo, type ShortcutAction, type ShortcutMap } from '../../../preload/contract';
import { AppFailure } from '../errors';

/**
 * The keyboard's defaults and the rule for what an agent may remap them to.
 * Alt and a letter in the window (not the letters Electron's menus take on
 * Windows and Linux: F, E, V, W, H); two modifiers system-wide, so the app
 * never takes a key another program relies on. System-wide keys are off
 * until the agent turns them on.
 */
export const defaultShortcuts: ShortcutMap = {
  answer: 'Alt+A',
  decline: 'Alt+D',
  hangUp: 'Alt+X',
  mute: 'Alt+M',
  hold: 'Alt+O',
  keypad: 'Alt+K',
  dial: 'Alt+N',
  nextTab: 'Alt+T',
};

export const defaultGlobalShortcuts: { enabled: boolean; keys: GlobalShortcutMap } = {
  enabled: false,
  keys: { answerOrHangUp: 'Ctrl+Alt+A', mute: 'Ctrl+Alt+M' },
};

/** Keys the system, the browser or editing already mean something by: never taken for a shortcut. */
const reserved = new Set([
  'Tab',
  'Shift+Tab',
  'Escape',
  'Enter',
  'Space',
  'F1',
  'F5',
  'F11',
  'F12',
  'Alt+F4',
  'Alt+Tab',
  'Ctrl+Tab',
  'Ctrl+Shift+Tab',
  'Alt+Left',
  'Alt+Right',
  ...['A', 'C', 'V', 'X', 'Z', 'Y', 'F', 'N', 'T', 'W', 'Q', 'R', 'P', 'S', 'L'].map((key) => `Ctrl+${key}`),
  ...['Z', 'N', 'T', 'W', 'R', 'I', 'J'].map((key) => `Ctrl+Shift+${key}`),
  ...['F', 'E', 'V', 'W', 'H'].map((key) => `Alt+${key}`),
  ...['C', 'V', 'X', 'Z', 'Q', 'W', 'H', 'M', 'Tab'].map((key) => `Meta+${key}`),
]);

const partsOf = (combo: KeyCombo): { modifiers: string[]; key: string } => {
  const parts = combo.split('+');
  // `Ctrl++` never occurs: the plus key is named by its own character only without modifiers; the last part is the key.
  return { modifiers: parts.slice(0, -1), key: parts.at(-1) ?? '' };
};

const isFunctionKey = (key: string): boolean => /^F\d{1,2}$/.test(key);

const refuse = (code: string, message: string, details: Record<string, string>): never => {
  throw new AppFailure(code, message, { reason: code, ...details });
};

/** A combination the window may use: a modifier other than Shift (typing stays typing) or a function key, and nothing reserved. */
const checkWindowCombo = (action: string, keys: KeyCombo): void => {
  const { modifiers, key } = partsOf(keys);
  if (reserved.has(keys)) refuse('SHORTCUT_RESERVED', `${keys} is kept for the system or for editing`, { keys, action });
  if (!isFunctionKey(key) && !modifiers.some((m) => m !== 'Shift')) {
    refuse('SHORTCUT_NEEDS_MODIFIER', `${keys} would be taken while typing`, { keys, action });
  }
};

/** System-wide combinations need two modifiers (or F13-F24), so they never steal another program's everyday key. */
const checkGlobalCombo = (action: string, keys: KeyCombo): void => {
  checkWindowCombo(action, keys);
  const { modifiers, key } = partsOf(keys);
  const quietFunctionKey = isFunctionKey(key) && Number(key.slice(1)) >= 13;
  if (!quietFunctionKey && modifiers.length < 2) refuse('SHORTCUT_GLOBAL_MODIFIERS', `${keys} is too common to take system-wide`, { keys, action });
};

const firstClash = <A extends string>(map: Record<A, KeyCombo>, order: readonly A[]): { action: A; other: A } | null => {
  for (const [index, action] of order.entries()) {
    const other = order.slice(0, index).find((earlier) => map[earlier] === map[action]);
    if (other) return { action, other };
  }
  return null;
};

/**
 * Checks a complete keyboard set-up; throws an `AppFailure` whose code and
 * details make the sentence the agent reads (`keys`, `action`, and for a
 * conflict the `other` action that already has them).
 */
export const checkShortcuts = (window: ShortcutMap, global: { enabled: boolean; keys: GlobalShortcutMap }): void => {
  for (const action of shortcutActions) checkWindowCombo(action, window[action]);
  const clash = firstClash(window, shortcutActions);
  if (clash) refuse('SHORTCUT_CONFLICT', `${window[clash.action]} is already the shortcut for ${clash.other}`, { keys: window[clash.action], ...clash });
  for (const action of globalShortcutActions) checkGlobalCombo(action, global.keys[action]);
  const globalClash = firstClash(global.keys, globalShortcutActions);
  if (globalClash) refuse('SHORTCUT_CONFLICT', `${global.keys[globalClash.action]} is used twice`, { keys: global.keys[globalClash.action], ...globalClash });
  if (!global.enabled) return;
  // A system-wide key would reach the app before the window could see it.
  for (const action of globalShortcutActions) {
    const other = shortcutActions.find((windowAction) => window[windowAction] === global.keys[action]);
    if (other) refuse('SHORTCUT_CONFLICT', `${global.keys[action]} is already the shortcut for ${other}`, { keys: global.keys[action], action, other });
  }
};

/** The stored overrides applied to the defaults. */
export const effectiveShortcuts = (overrides: Partial<Record<ShortcutAction, KeyCombo>>): ShortcutMap => ({ ...defaultShortcuts, ...overrides });

/** Only what differs from the defaults is stored, so a later version's better default reaches agents who never changed that key. */
export const shortcutOverrides = (map: ShortcutMap | null): Partial<Record<ShortcutAction, KeyCombo>> =>
  map === null ? {} : Object.fromEntries(shortcutActions.filter((a) => map[a] !== defaultShortcuts[a]).map((a) => [a, map[a]]));

export type { GlobalShortcutAction };
