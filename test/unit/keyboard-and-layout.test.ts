import { describe, expect, it } from 'vitest';
import { actionFor, comboOf, isHelpKey, isTyping, type FocusedElement, type KeyPress } from '../../renderer/src/lib/keyboard/key-combo';
import { nextTab, tabForKey, tabsFor } from '../../renderer/src/lib/layout/tabs';

const press = (key: string, code: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({ key, code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...modifiers });

describe('key presses as shortcuts', () => {
  it('names letters and digits by their place on the keyboard, so layouts and the Mac Option key agree', () => {
    expect(comboOf(press('a', 'KeyA', { altKey: true }))).toBe('Alt+A');
    expect(comboOf(press('å', 'KeyA', { altKey: true }))).toBe('Alt+A');
    expect(comboOf(press('ç', 'Semicolon', { ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+;');
    expect(comboOf(press('1', 'Numpad1', { ctrlKey: true, altKey: true }))).toBe('Ctrl+Alt+1');
    expect(comboOf(press('F2', 'F2'))).toBe('F2');
    expect(comboOf(press('ArrowUp', 'ArrowUp', { metaKey: true }))).toBe('Meta+Up');
  });

  it('ignores a press of modifiers alone', () => {
    expect(comboOf(press('Alt', 'AltLeft', { altKey: true }))).toBeNull();
    expect(comboOf(press('Shift', 'ShiftLeft', { shiftKey: true }))).toBeNull();
  });

  it("finds the action in the agent's map", () => {
    const map = { answer: 'Alt+A', mute: 'Alt+M' };
    expect(actionFor(map, 'Alt+M')).toBe('mute');
    expect(actionFor(map, 'Alt+Z')).toBeNull();
    expect(actionFor(null, 'Alt+M')).toBeNull();
  });

  it('opens the help with ? unless the agent is typing, and with F1 always', () => {
    expect(isHelpKey(press('?', 'Slash', { shiftKey: true }), false)).toBe(true);
    expect(isHelpKey(press('?', 'Slash', { shiftKey: true }), true)).toBe(false);
    expect(isHelpKey(press('F1', 'F1'), true)).toBe(true);
    expect(isHelpKey(press('F1', 'F1', { ctrlKey: true }), false)).toBe(false);
  });

  it('knows which elements take typed text', () => {
    const element = (tagName: string, extra: Partial<FocusedElement> = {}): FocusedElement => ({ tagName, ...extra });
    expect(isTyping(element('INPUT', { type: 'tel' }))).toBe(true);
    expect(isTyping(element('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTyping(element('TEXTAREA'))).toBe(true);
    expect(isTyping(element('BUTTON'))).toBe(false);
    expect(isTyping(element('SELECT'))).toBe(false);
    expect(isTyping(element('DIV', { isContentEditable: true }))).toBe(true);
    expect(isTyping(null)).toBe(false);
  });
});

describe('sections', () => {
  it('puts Phone in the bar of a compact window only (a wide one keeps it in its own pane)', () => {
    expect(tabsFor(false)).toEqual(['phone', 'recent', 'contacts', 'history', 'lines', 'settings']);
    expect(tabsFor(true)).toEqual(['recent', 'contacts', 'history', 'lines', 'settings']);
  });

  it('moves round the bar with the next-section key and the arrow keys', () => {
    const bar = tabsFor(false);
    expect(nextTab(bar, 'phone')).toBe('recent');
    expect(nextTab(bar, 'settings')).toBe('phone');
    expect(nextTab(tabsFor(true), 'phone')).toBe('recent');
    expect(tabForKey(bar, 'phone', 'ArrowLeft')).toBe('settings');
    expect(tabForKey(bar, 'lines', 'ArrowRight')).toBe('settings');
    expect(tabForKey(bar, 'lines', 'Home')).toBe('phone');
    expect(tabForKey(bar, 'phone', 'End')).toBe('settings');
    expect(tabForKey(bar, 'phone', 'Enter')).toBeNull();
  });
});
