import { describe, expect, it } from 'vitest';
import type { CallView } from '../../preload/contract';
import { hotkeyCommand } from '../../main/core/calls/call-hotkeys';
import { checkShortcuts, defaultGlobalShortcuts, defaultShortcuts, effectiveShortcuts, shortcutOverrides } from '../../main/core/settings/shortcut-rules';

const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return error as { code: string; details: Record<string, string> };
  }
  throw new Error('not refused');
};

describe('keyboard shortcuts', () => {
  it('accepts the defaults, and keeps only what differs from them', () => {
    expect(() => checkShortcuts(defaultShortcuts, defaultGlobalShortcuts)).not.toThrow();
    expect(() => checkShortcuts(defaultShortcuts, { ...defaultGlobalShortcuts, enabled: true })).not.toThrow();
    expect(shortcutOverrides({ ...defaultShortcuts, mute: 'Ctrl+Shift+M' })).toEqual({ mute: 'Ctrl+Shift+M' });
    expect(shortcutOverrides(null)).toEqual({});
    expect(effectiveShortcuts({ mute: 'Ctrl+Shift+M' })).toEqual({ ...defaultShortcuts, mute: 'Ctrl+Shift+M' });
  });

  it('refuses two actions on one key, naming the action that has it', () => {
    expect(refusal(() => checkShortcuts({ ...defaultShortcuts, keypad: 'Alt+A' }, defaultGlobalShortcuts))).toMatchObject({
      code: 'SHORTCUT_CONFLICT',
      details: { keys: 'Alt+A', action: 'keypad', other: 'answer' },
    });
    const global = { enabled: true, keys: { answerOrHangUp: 'Ctrl+Alt+M', mute: 'Ctrl+Alt+M' } };
    expect(refusal(() => checkShortcuts(defaultShortcuts, global))).toMatchObject({ code: 'SHORTCUT_CONFLICT', details: { action: 'mute', other: 'answerOrHangUp' } });
    // A system-wide key the window also uses would never reach the window: refused while system-wide keys are on.
    const overlap = { enabled: true, keys: { answerOrHangUp: 'Ctrl+Alt+A', mute: 'Ctrl+Alt+K' } };
    expect(() => checkShortcuts({ ...defaultShortcuts, keypad: 'Ctrl+Alt+K' }, { ...overlap, enabled: false })).not.toThrow();
    expect(refusal(() => checkShortcuts({ ...defaultShortcuts, keypad: 'Ctrl+Alt+K' }, overlap))).toMatchObject({ code: 'SHORTCUT_CONFLICT', details: { other: 'keypad' } });
  });

  it('refuses keys typing or the system needs, and system-wide keys with one modifier', () => {
    expect(refusal(() => checkShortcuts({ ...defaultShortcuts, mute: 'M' }, defaultGlobalShortcuts)).code).toBe('SHORTCUT_NEEDS_MODIFIER');
    expect(refusal(() => checkShortcuts({ ...defaultShortcuts, mute: 'Shift+M' }, defaultGlobalShortcuts)).code).toBe('SHORTCUT_NEEDS_MODIFIER');
    expect(refusal(() => checkShortcuts({ ...defaultShortcuts, mute: 'Ctrl+C' }, defaultGlobalShortcuts)).code).toBe('SHORTCUT_RESERVED');
    expect(refusal(() => checkShortcuts({ ...defaultShortcuts, mute: 'F1' }, defaultGlobalShortcuts)).code).toBe('SHORTCUT_RESERVED');
    expect(refusal(() => checkShortcuts({ ...defaultShortcuts, mute: 'Alt+F' }, defaultGlobalShortcuts)).code).toBe('SHORTCUT_RESERVED');
    expect(() => checkShortcuts({ ...defaultShortcuts, mute: 'F9' }, defaultGlobalShortcuts)).not.toThrow();
    const oneModifier = { enabled: false, keys: { answerOrHangUp: 'Alt+J', mute: 'Ctrl+Alt+M' } };
    expect(refusal(() => checkShortcuts(defaultShortcuts, oneModifier)).code).toBe('SHORTCUT_GLOBAL_MODIFIERS');
    expect(() => checkShortcuts(defaultShortcuts, { enabled: true, keys: { answerOrHangUp: 'F13', mute: 'Ctrl+Alt+M' } })).not.toThrow();
  });
});

const call = (id: string, phase: CallView['phase'], extra: Partial<CallView> = {}, createdAt = '2026-11-20T12:00:00.000Z'): CallView => ({
  id,
  accountId: 'a',
  lineLabel: 'L',
  provider: 'META',
  features: { permissions: true, prompts: false, listenIn: false, callingSettings: true },
  direction: 'INBOUND',
  peerNumber: '+5511987654321',
  phase,
  remoteStatus: '',
  createdAt,
  media: { kind: 'webrtc', muted: false, held: false, agentAudio: phase !== 'ended' && phase !== 'ringing', digits: true },
  ...extra,
});

describe('system-wide keys', () => {
  it('answer-or-hang-up answers the call that rang longest (a loud one before a quiet one), else hangs up the call under way', () => {
    const ringingLater = call('r2', 'ringing', {}, '2026-11-20T12:00:05.000Z');
    const ringingFirst = call('r1', 'ringing', {}, '2026-11-20T12:00:01.000Z');
    const quiet = call('q', 'ringing', { quiet: 'dnd' }, '2026-11-20T11:00:00.000Z');
    expect(hotkeyCommand([ringingLater, quiet, ringingFirst], 'answerOrHangUp')).toEqual({ command: 'answer', callId: 'r1' });
    expect(hotkeyCommand([quiet], 'answerOrHangUp')).toEqual({ command: 'answer', callId: 'q' });
    expect(hotkeyCommand([call('c', 'connected'), call('e', 'ended')], 'answerOrHangUp')).toEqual({ command: 'hangup', callId: 'c' });
    expect(hotkeyCommand([call('e', 'ended')], 'answerOrHangUp')).toBeNull();
  });

  it('mute toggles the call carrying the agent\'s voice', () => {
    expect(hotkeyCommand([call('c', 'connected')], 'mute')).toEqual({ command: 'mute', callId: 'c', muted: true });
    expect(hotkeyCommand([call('c', 'connected', { media: { kind: 'webrtc', muted: true, held: false, agentAudio: true, digits: true } })], 'mute')).toEqual({ command: 'mute', callId: 'c', muted: false });
    expect(hotkeyCommand([call('r', 'ringing')], 'mute')).toBeNull();
  });
});
