import type { KeyCombo } from '../../../../preload/contract';

/** What a key press is made of (a KeyboardEvent has all of it). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const named: Record<string, string> = {
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  ' ': 'Space',
  Space: 'Space',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  Backslash: '\\',
};
const plainKeys = new Set(['Enter', 'Backspace', 'Delete', 'Insert', 'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'Tab']);

/**
 * The key of a press, named as the settings store it. Letters and digits by
 * their position (`code`), so Alt+A on a Mac (which types "å") and on a
 * Brazilian or Spanish layout is the same shortcut; null for a modifier alone.
 */
const keyOf = (press: KeyPress): string | null => {
  if (/^Key[A-Z]$/.test(press.code)) return press.code.slice(3);
  if (/^(Digit|Numpad)[0-9]$/.test(press.code)) return press.code.slice(-1);
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(press.key)) return press.key;
  if (plainKeys.has(press.key)) return press.key;
  return named[press.code] ?? named[press.key] ?? null;
};

/** `Ctrl+Alt+A`: the modifiers held, in a fixed order, then the key. Null for a press of modifiers only, or a key no shortcut uses. */
export const comboOf = (press: KeyPress): KeyCombo | null => {
  const key = keyOf(press);
  if (!key) return null;
  const modifiers = [press.ctrlKey && 'Ctrl', press.altKey && 'Alt', press.shiftKey && 'Shift', press.metaKey && 'Meta'].filter(Boolean);
  return [...modifiers, key].join('+');
};

/** Whether a press is the help key: `?` while not typing, or F1 anywhere. */
export const isHelpKey = (press: KeyPress, typing: boolean): boolean =>
  (press.key === 'F1' && !press.ctrlKey && !press.altKey && !press.metaKey) || (!typing && press.key === '?' && !press.ctrlKey && !press.altKey && !press.metaKey);

/** What `isTyping` reads of an element (an HTMLElement has all of it). */
export interface FocusedElement {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
}

/** Whether the element takes typed text (so plain keys belong to it, not to shortcuts). */
export const isTyping = (element: FocusedElement | null): boolean => {
  if (!element) return false;
  const tag = element.tagName;
  if (tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(element.type ?? 'text');
  return element.isContentEditable === true;
};

/** The action a combination stands for in the agent's map, if any. */
export const actionFor = <A extends string>(map: Readonly<Record<A, KeyCombo>> | null | undefined, combo: KeyCombo): A | null => {
  if (!map) return null;
  return (Object.keys(map) as A[]).find((action) => map[action] === combo) ?? null;
};

/** A combination as people read it on this computer: `Alt+A`, `⌥A` style names are not used, the words are. */
export const comboLabel = (combo: KeyCombo, mac: boolean): string => (mac ? combo.replace('Meta', 'Cmd').replace('Alt', 'Option') : combo.replace('Meta', 'Win'));
