import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCallLogDatabase } from '../../main/core/call-log/database';
import { systemClock } from '../../main/core/clock';
import { MemoryCredentialStore } from '../../main/core/credentials/credential-store';
import { policyView } from '../../main/core/deployment/deployment-handlers';
import { silentLogger } from '../../main/core/logging/logger';
import { NoNativeNotifier } from '../../main/core/notifications/notifier';
import { ManagedPolicy } from '../../main/core/settings/policy/managed-policy';
import { ManagedSettingsStore } from '../../main/core/settings/policy/managed-settings-store';
import { checkPolicyDocument, type PolicyDocument } from '../../main/core/settings/policy/policy-document';
import { SettingsStore } from '../../main/core/settings/settings-store';
import { Softphone } from '../../main/core/softphone';
import { tempDir } from '../support/temp-dir';

/** A keychain that remembers every key written to it, even ones deleted again. */
class RecordingKeychain extends MemoryCredentialStore {
  written: string[] = [];
  override async set(accountId: string, secret: string): Promise<void> {
    this.written.push(accountId);
    await super.set(accountId, secret);
  }
}

const policyOf = (document: PolicyDocument) => new ManagedPolicy([{ origin: '/etc/pilot-softphone/policy.json', document }], checkPolicyDocument);

let dir: ReturnType<typeof tempDir>;
const phones: Softphone[] = [];
beforeEach(() => {
  dir = tempDir('pilot-policy-store-');
});
afterEach(() => {
  for (const phone of phones.splice(0)) phone.stop();
  dir.remove();
});

const settingsFile = () => join(dir.path, 'settings.json');

const softphoneUnder = async (policy: ManagedPolicy) => {
  const settings = new ManagedSettingsStore(settingsFile(), policy);
  settings.provisionLines();
  const keychain = new RecordingKeychain();
  const phone = new Softphone({
    host: 'browser',
    version: 'test',
    clock: systemClock,
    logger: silentLogger(),
    settings,
    keychain,
    callLogDb: openCallLogDatabase(join(dir.path, 'log.sqlite')),
    notifier: new NoNativeNotifier(),
    emit: () => {},
    systemLocale: 'en_US.UTF-8',
    policy,
    deployment: {
      'policy.status': () => policyView(settings),
      'diagnostics.export': () => Promise.reject(new Error('unused')),
      'updates.status': () => Promise.reject(new Error('unused')),
      'updates.install': () => Promise.reject(new Error('unused')),
    },
  });
  await phone.start();
  phones.push(phone);
  return { phone, settings, keychain };
};

describe('settings under admin policy', () => {
  it('runs with Enforced values, starts from Defaults and lets the agent change a Default', () => {
    const store = new ManagedSettingsStore(settingsFile(), policyOf({ Enforced: { PreAccept: false }, Defaults: { PollIntervalMs: 3000, Language: 'pt-BR' } }));
    expect(store.settings).toMatchObject({ preAccept: false, pollIntervalMs: 3000, locale: 'pt-BR' });
    store.updateSettings({ pollIntervalMs: 1500 });
    expect(store.settings.pollIntervalMs).toBe(1500);
    // The agent's choice survives a restart; the untouched Default still applies.
    const again = new ManagedSettingsStore(settingsFile(), policyOf({ Defaults: { PollIntervalMs: 3000, Language: 'pt-BR' } }));
    expect(again.settings).toMatchObject({ pollIntervalMs: 1500, locale: 'pt-BR' });
  });

  it('refuses to change a locked setting with SETTING_MANAGED and saves nothing', () => {
    new SettingsStore(settingsFile()).updateSettings({ agentName: 'Ana' });
    const before = readFileSync(settingsFile(), 'utf8');
    const store = new ManagedSettingsStore(settingsFile(), policyOf({ Enforced: { PollIntervalMs: 2000, LockedSettings: ['agentName'] } }));
    expect(() => store.updateSettings({ pollIntervalMs: 500 })).toThrow(expect.objectContaining({ code: 'SETTING_MANAGED', details: { setting: 'pollInterval' } }));
    expect(() => store.updateSettings({ agentName: 'Bruno' })).toThrow(expect.objectContaining({ code: 'SETTING_MANAGED' }));
    expect(readFileSync(settingsFile(), 'utf8')).toBe(before);
    // Saving the value in force is not a change.
    expect(store.updateSettings({ pollIntervalMs: 2000, locale: 'en' })).toMatchObject({ pollIntervalMs: 2000, locale: 'en' });
  });

  it('keeps the poll period within the bounds IT set', () => {
    const store = new ManagedSettingsStore(settingsFile(), policyOf({ Enforced: { PollIntervalMinMs: 1000, PollIntervalMaxMs: 4000 } }));
    expect(() => store.updateSettings({ pollIntervalMs: 500 })).toThrow(expect.objectContaining({ code: 'POLL_INTERVAL_OUT_OF_RANGE', details: { min: 1000, max: 4000 } }));
    expect(store.settings.pollIntervalMs).toBe(1000);
  });

  it('hides lines policy no longer allows, without deleting them', () => {
    const plain = new SettingsStore(settingsFile());
    plain.saveAccount({ id: 'a', label: 'Old server', provider: 'META', baseUrl: 'https://old.example.net' });
    plain.saveAccount({ id: 'b', label: 'Main', provider: 'EVO_GO', baseUrl: 'https://pilotstatus.com.br' });
    const store = new ManagedSettingsStore(settingsFile(), policyOf({ Enforced: { BaseUrlAllowlist: ['https://pilotstatus.com.br'] } }));
    expect(store.accounts.map((a) => a.id)).toEqual(['b']);
    expect(policyView(store).blockedLines).toEqual([{ id: 'a', label: 'Old server' }]);
    expect(new SettingsStore(settingsFile()).accounts).toHaveLength(2);
  });
});

describe('the contract under admin policy (the main side refuses, whatever the window shows)', () => {
  it('refuses a locked poll period and an address outside the allowlist, before any key is written', async () => {
    const { phone, keychain } = await softphoneUnder(policyOf({ Enforced: { PollIntervalMs: 2000, BaseUrlAllowlist: ['https://pilotstatus.com.br'] } }));
    const poll = await phone.dispatch('settings.update', { pollIntervalMs: 500 });
    expect(poll).toMatchObject({ ok: false, error: { code: 'SETTING_MANAGED', details: { setting: 'pollInterval' } } });
    const added = await phone.dispatch('accounts.add', { label: 'Staging', provider: 'META', apiKey: 'ps_abcdefgh12345678', baseUrl: 'https://staging.example.net' });
    expect(added).toMatchObject({ ok: false, error: { code: 'BASE_URL_NOT_ALLOWED' } });
    expect(await phone.dispatch('app.info', {})).toMatchObject({ ok: true, value: { settings: { pollIntervalMs: 2000 } } });
    expect(keychain.written).toEqual([]);
    expect(await phone.dispatch('accounts.list', {})).toMatchObject({ ok: true, value: [] });
    expect(await phone.dispatch('policy.status', {})).toMatchObject({ ok: true, value: { state: 'applied', locked: ['pollInterval'] } });
  });

  it('refuses a number type IT did not allow', async () => {
    const { phone } = await softphoneUnder(policyOf({ Enforced: { AllowedNumberTypes: ['web'] } }));
    const added = await phone.dispatch('accounts.add', { label: 'Meta', provider: 'META', apiKey: 'ps_abcdefgh12345678' });
    expect(added).toMatchObject({ ok: false, error: { code: 'NUMBER_TYPE_NOT_ALLOWED' } });
  });

  it('sets up IT lines without keys; their key can be entered, nothing else changed', async () => {
    const { phone, keychain } = await softphoneUnder(policyOf({ Enforced: { Lines: [{ Name: 'Vendas', Type: 'web', Address: 'https://pilotstatus.com.br' }] } }));
    const lines = await phone.dispatch('accounts.list', {});
    expect(lines).toMatchObject({ ok: true, value: [{ label: 'Vendas', provider: 'EVO_GO' }] });
    const id = (lines as { value: { id: string }[] }).value[0]!.id;
    expect(await phone.dispatch('accounts.update', { id, label: 'Other' })).toMatchObject({ ok: false, error: { code: 'SETTING_MANAGED', details: { setting: 'lines' } } });
    expect(keychain.written).toEqual([]);
    expect(await phone.dispatch('accounts.update', { id, label: 'Other', apiKey: 'ps_abcdefgh12345678' })).toMatchObject({ ok: false, error: { code: 'SETTING_MANAGED' } });
    expect(keychain.written).toEqual([]);
    expect(await phone.dispatch('accounts.remove', { id })).toMatchObject({ ok: false, error: { code: 'SETTING_MANAGED' } });
    expect(await phone.dispatch('accounts.update', { id, apiKey: 'ps_abcdefgh12345678' })).toMatchObject({ ok: true, value: { label: 'Vendas' } });
    expect(await keychain.get(id)).toBe('ps_abcdefgh12345678');
  });

  it('sets up IT lines only at addresses a key may travel to, stored as the agent\'s own would be', async () => {
    const insecure = policyOf({ Enforced: { Lines: [{ Name: 'Plain', Type: 'web', Address: 'http://pilot.example.com' }] } });
    expect(insecure.status.state).toBe('broken');
    expect(insecure.status.problems[0]!.message).toMatch(/Lines\.0\.Address/);
    expect(insecure.provisionedLines()).toEqual([]);
    // Even a document no schema checked: an http address elsewhere than this computer is never set up.
    const unchecked = new ManagedPolicy([{ origin: 'test', document: { Enforced: { Lines: [{ Name: 'Plain', Type: 'web', Address: 'http://pilot.example.com' }] } } }], (document) => ({
      ok: true,
      document: document as PolicyDocument,
    }));
    expect(unchecked.provisionedLines()).toEqual([]);
    const trailing = policyOf({ Enforced: { Lines: [{ Name: 'Vendas', Type: 'web', Address: 'https://pilot.example.com/v1/' }, { Name: 'Local', Type: 'meta', Address: 'http://127.0.0.1:4010' }] } });
    expect(trailing.provisionedLines().map((line) => line.baseUrl)).toEqual(['https://pilot.example.com', 'http://127.0.0.1:4010']);
  });

  it('adds a Defaults line once; an agent who removes it keeps it removed', async () => {
    const policy = policyOf({ Defaults: { Lines: [{ Name: 'Suporte', Type: 'meta' }] } });
    const first = await softphoneUnder(policy);
    const id = first.settings.accounts[0]!.id;
    expect(await first.phone.dispatch('accounts.remove', { id })).toMatchObject({ ok: true, value: { removed: true } });
    first.phone.stop();
    const again = new ManagedSettingsStore(settingsFile(), policy);
    expect(again.provisionLines()).toBe(0);
    expect(again.accounts).toEqual([]);
  });
});
