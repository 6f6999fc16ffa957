import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../main/core/settings/settings-store';
import { tempDir } from '../support/temp-dir';

const dir = tempDir();
afterAll(() => dir.remove());

describe('settings store', () => {
  it('starts from defaults and persists accounts and settings atomically, readable only by the user', () => {
    const file = join(dir.path, 'settings-a.json');
    const store = new SettingsStore(file);
    expect(store.settings).toEqual({ locale: null, pollIntervalMs: 1000, preAccept: true, agentName: null, sampleRate: 16000, prompts: [], headset: null, dispositions: [], dispositionFreeText: true });
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
});
