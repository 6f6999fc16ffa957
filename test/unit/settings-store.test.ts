import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../main/core/settings/settings-store';
import { defaultGlobalShortcuts, defaultShortcuts } from '../../main/core/settings/shortcut-rules';

/** The workstation preferences a fresh profile has. */
const preferenceDefaults = {
  theme: 'system',
  alwaysOnTop: false,
  ringVolume: 0.8,
  ringerDevice: null,
  shortcuts: defaultShortcuts,
  globalShortcuts: defaultGlobalShortcuts,
  lineAnswering: {},
  windowSize: null,
};
import { tempDir } from '../support/temp-dir';

const dir = tempDir();
afterAll(() => dir.remove());

describe('settings store', () => {
  it('starts from defaults and persists accounts and settings atomically, readable only by the user', () => {
    const file = join(dir.path, 'settings-a.json');
    const store = new SettingsStore(file);
    expect(store.settings).toEqual({ locale: null, pollIntervalMs: 1000, preAccept: true, agentName: null, sampleRate: 16000, prompts: [], headset: null, dispositions: [], dispositionFreeText: true, ...preferenceDefaults });
    store.saveAccount({ id: 'line_1', label: 'Support', provider: 'META', baseUrl: 'https://pilotstatus.com.br' });
    store.updateSettings({ pollIntervalMs: 2000, locale: 'pt-BR', agentName: 'Márcia Conceição' });
    store.updateSettings({ sampleRate: 24000, prompts: [{ id: 'p1', label: 'Greeting', url: 'https://cdn.example/greeting.mp3' }] });
    store.updateSettings({ headset: { vendorId: 0x047f, productId: 0xc056, productName: 'Plantronics Blackwire 3220 Series' } });
    store.updateSettings({ dispositions: ['Venda', 'Retornar'], dispositionFreeText: false });
    const reread = new SettingsStore(file);
    expect(reread.accounts).toEqual([{ id: 'line_1', label: 'Support', provider: 'META', baseUrl: 'https://pilotstatus.com.br' }]);
    expect(reread.settings).toEqual({
      locale: 'pt-BR',
      pollIntervalMs: 2000,
      preAccept: true,
      agentName: 'Márcia Conceição',
      sampleRate: 24000,
      prompts: [{ id: 'p1', label: 'Greeting', url: 'https://cdn.example/greeting.mp3' }],
      headset: { vendorId: 0x047f, productId: 0xc056, productName: 'Plantronics Blackwire 3220 Series' },
      dispositions: ['Venda', 'Retornar'],
      dispositionFreeText: false,
      ...preferenceDefaults,
    });
    // An emptied name means no name.
    expect(reread.updateSettings({ agentName: '' }).agentName).toBeNull();
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(readdirSync(dir.path).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('updates an account in place and removes it', () => {
    const store = new SettingsStore(join(dir.path, 'settings-b.json'));
    store.saveAccount({ id: 'a', label: 'One', provider: 'META', baseUrl: 'https://x.example' });
    store.saveAccount({ id: 'b', label: 'Two', provider: 'EVO_GO', baseUrl: 'https://x.example' });
    store.saveAccount({ id: 'a', label: 'Uno', provider: 'META', baseUrl: 'https://x.example' });
    expect(store.accounts.map((a) => a.label)).toEqual(['Uno', 'Two']);
    expect(store.removeAccount('a')).toBe(true);
    expect(store.removeAccount('a')).toBe(false);
    expect(store.accounts.map((a) => a.id)).toEqual(['b']);
  });

  it('sets an unreadable file aside (never deletes it) and starts from defaults', () => {
    const file = join(dir.path, 'settings-c.json');
    writeFileSync(file, '{"version":1,"accounts":[{"id":');
    const store = new SettingsStore(file, () => 42);
    expect(store.accounts).toEqual([]);
    expect(store.recoveredFrom).toBe(`${file}.unreadable-42`);
    expect(readFileSync(store.recoveredFrom!, 'utf8')).toContain('"accounts"');
    expect(existsSync(file)).toBe(false);
  });

  it('keeps the workstation preferences and the availability across restarts, storing only the keys the agent changed', () => {
    const file = join(dir.path, 'settings-d.json');
    const store = new SettingsStore(file);
    expect(store.availability).toBe('available');
    store.setAvailability('dnd');
    store.updateSettings({
      theme: 'dark',
      ringVolume: 0.3,
      shortcuts: { ...defaultShortcuts, mute: 'Ctrl+Shift+M' },
      lineAnswering: { line_1: { autoAnswerSeconds: 3, wrapUpSeconds: 45 } },
      windowSize: { width: 1280, height: 800 },
    });
    const reread = new SettingsStore(file);
    expect(reread.availability).toBe('dnd');
    expect(reread.settings).toMatchObject({ theme: 'dark', ringVolume: 0.3, lineAnswering: { line_1: { autoAnswerSeconds: 3, wrapUpSeconds: 45 } }, windowSize: { width: 1280, height: 800 } });
    expect(reread.settings.shortcuts).toEqual({ ...defaultShortcuts, mute: 'Ctrl+Shift+M' });
    expect((JSON.parse(readFileSync(file, 'utf8')) as { shortcuts: unknown }).shortcuts).toEqual({ mute: 'Ctrl+Shift+M' });
    expect(reread.updateSettings({ shortcuts: null }).shortcuts).toEqual(defaultShortcuts);
  });

  it('reads a preference it cannot make sense of as its default, keeping the rest of the file', () => {
    const file = join(dir.path, 'settings-e.json');
    writeFileSync(file, JSON.stringify({ version: 1, pollIntervalMs: 2000, theme: 'purple', ringVolume: 7, availability: 'asleep', shortcuts: { mute: 'Alt+M+', hold: 'Alt+J' } }));
    const store = new SettingsStore(file);
    expect(store.recoveredFrom).toBeNull();
    expect(store.settings).toMatchObject({ pollIntervalMs: 2000, theme: 'system', ringVolume: 0.8 });
    expect(store.availability).toBe('available');
    expect(store.settings.shortcuts).toEqual(defaultShortcuts);
  });
});
