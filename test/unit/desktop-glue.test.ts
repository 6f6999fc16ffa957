import { describe, expect, it } from 'vitest';
import type { AvailabilityView, Settings } from '../../preload/contract';
import { defaultGlobalShortcuts } from '../../main/core/settings/shortcut-rules';
import { acceleratorOf, globalShortcutPlan, samePlan } from '../../main/electron/global-shortcut-plan';
import { actionOfButton, incomingCallOptions } from '../../main/electron/notification-options';
import { trayMenu } from '../../main/electron/tray-menu';
import { sizeToRemember, windowOptions } from '../../main/electron/window-options';

/** The Electron host's decisions as pure functions: the glue that hands them to Electron is a few lines each. */
describe('system-wide keys in the desktop app', () => {
  it('become Electron accelerators, only while the agent has them on', () => {
    expect(acceleratorOf('Ctrl+Alt+A')).toBe('Control+Alt+A');
    expect(acceleratorOf('Meta+Shift+Enter')).toBe('Super+Shift+Return');
    expect(globalShortcutPlan({ globalShortcuts: defaultGlobalShortcuts })).toEqual([]);
    const plan = globalShortcutPlan({ globalShortcuts: { ...defaultGlobalShortcuts, enabled: true } });
    expect(plan).toEqual([
      { action: 'answerOrHangUp', combo: 'Ctrl+Alt+A', accelerator: 'Control+Alt+A' },
      { action: 'mute', combo: 'Ctrl+Alt+M', accelerator: 'Control+Alt+M' },
    ]);
    expect(samePlan(plan, [...plan])).toBe(true);
    expect(samePlan(plan, [])).toBe(false);
  });
});

describe('the desktop window, tray and notifications', () => {
  const settings = (extra: Partial<Settings> = {}) => ({ windowSize: null, alwaysOnTop: false, ...extra });

  it('opens phone-sized the first time, then at the remembered size within limits, on top when asked', () => {
    expect(windowOptions(settings())).toMatchObject({ width: 400, height: 700, minWidth: 360, minHeight: 560, alwaysOnTop: false });
    expect(windowOptions(settings({ windowSize: { width: 1280, height: 800 }, alwaysOnTop: true }))).toMatchObject({ width: 1280, height: 800, alwaysOnTop: true });
    expect(windowOptions(settings({ windowSize: { width: 100, height: 99_999 } }))).toMatchObject({ width: 360, height: 4320 });
    expect(sizeToRemember({ width: 500.4, height: 700 }, null)).toEqual({ width: 500, height: 700 });
    expect(sizeToRemember({ width: 500, height: 700 }, { width: 500, height: 700 })).toBeNull();
  });

  it('the tray sets the availability and its tooltip says what the app goes by', () => {
    const view: AvailabilityView = { chosen: 'away', status: 'busy', wrapUp: null, autoAnswer: [] };
    const status = { available: 'Available', away: 'Away', dnd: 'Do not disturb', busy: 'Busy', 'wrap-up': 'Wrap-up' };
    const menu = trayMenu(view, { show: 'Show', quit: 'Quit', status });
    expect(menu.tooltip).toBe('Pilot Softphone — Busy');
    expect(menu.items.filter((i) => i.kind === 'choice')).toEqual([
      { kind: 'choice', choice: 'available', label: 'Available', checked: false },
      { kind: 'choice', choice: 'away', label: 'Away', checked: true },
      { kind: 'choice', choice: 'dnd', label: 'Do not disturb', checked: false },
    ]);
    expect(menu.items.at(-1)).toEqual({ kind: 'quit', label: 'Quit' });
  });

  it('incoming-call notifications carry Answer and Decline where the desktop shows buttons, and stay until acted on', () => {
    const notice = { callId: 'c', title: 'Incoming WhatsApp call', body: '+55 11 98765 4321 on Support', answerLabel: 'Answer', declineLabel: 'Decline' };
    const buttons = [
      { type: 'button', text: 'Answer' },
      { type: 'button', text: 'Decline' },
    ];
    expect(incomingCallOptions(notice, 'darwin')).toEqual({ title: notice.title, body: notice.body, silent: true, actions: buttons });
    expect(incomingCallOptions(notice, 'win32')).toEqual({ title: notice.title, body: notice.body, silent: true, actions: buttons, urgency: 'critical', timeoutType: 'never' });
    expect(incomingCallOptions(notice, 'linux')).toEqual({ title: notice.title, body: notice.body, silent: true, urgency: 'critical', timeoutType: 'never' });
    expect([0, 1, 2].map(actionOfButton)).toEqual(['answer', 'decline', null]);
  });

  it('on Linux the caller-controlled body is escaped, since the notification daemon reads it as markup', () => {
    const notice = { callId: 'c', title: 'Incoming WhatsApp call', body: '<a href="https://x.example">Bank</a> & <img src=x> on Support', answerLabel: 'Answer', declineLabel: 'Decline' };
    expect(incomingCallOptions(notice, 'linux').body).toBe('&lt;a href="https://x.example"&gt;Bank&lt;/a&gt; &amp; &lt;img src=x&gt; on Support');
    expect(incomingCallOptions(notice, 'darwin').body).toBe(notice.body);
  });
});
