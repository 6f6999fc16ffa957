import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as buildPlist } from 'plist';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { parseRegQuery } from '../../main/core/settings/policy/reg-query';
import { WindowsRegistrySource, type RegistryPort } from '../../main/core/settings/policy/windows-registry-source';
import { loadPolicy } from '../../main/runtime/policy/load-policy';
import { repoRoot } from '../support/app-process';
import { tempDir } from '../support/temp-dir';
import { SettingsStore } from '../../main/core/settings/settings-store';

/** What a new profile's settings are (language, poll period, pre-accept, ... and the workstation preferences), before policy. */
const freshSettings = () => new SettingsStore(join(mkdtempSync(join(tmpdir(), 'pilot-fresh-')), 'settings.json')).settings;

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/policy', name), 'utf8');

/** A registry that answers `reg query` with output recorded in reg.exe's format. */
const recordedRegistry = (answers: Record<string, string | null>): RegistryPort & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    query: async (key) => {
      asked.push(key);
      return answers[key] ?? null;
    },
  };
};

/** Log lines the policy loader wrote. */
const capturingLogger = () => {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
};

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('pilot-policy-');
});
afterEach(() => dir.remove());

describe('Windows: policy from the registry (reg query output)', () => {
  const hklm = 'HKLM\\Software\\Policies\\PilotStatus\\PilotSoftphone';
  const hkcu = 'HKCU\\Software\\Policies\\PilotStatus\\PilotSoftphone';

  it('parses keys, values and subkeys as reg.exe prints them', () => {
    const root = parseRegQuery(fixture('reg-query-hklm.txt'), hklm)!;
    expect(root.path).toBe('HKEY_LOCAL_MACHINE\\Software\\Policies\\PilotStatus\\PilotSoftphone');
    expect(root.values.find((v) => v.name === 'PollIntervalMs')).toEqual({ name: 'PollIntervalMs', type: 'REG_DWORD', data: '0x7d0' });
    expect([...root.subkeys.keys()].sort()).toEqual(['baseurlallowlist', 'defaults', 'lockedsettings']);
    expect(parseRegQuery(fixture('reg-query-missing.txt'), hklm)).toBeNull();
  });

  it('reads HKLM values as Enforced, HKLM\\Defaults and all of HKCU as Defaults, with lists, DWORD switches and JSON lines', async () => {
    const registry = recordedRegistry({ [hklm]: fixture('reg-query-hklm.txt'), [hkcu]: fixture('reg-query-hkcu.txt') });
    const policy = await loadPolicy(capturingLogger().logger, { platform: 'win32', registry });
    expect(registry.asked).toEqual([hkcu, hklm]);
    expect(policy.status).toMatchObject({ state: 'applied', problems: [] });
    expect(policy.lockedSettings().sort()).toEqual(['agentName', 'lines', 'pollInterval', 'preAccept']);
    expect(policy.updates()).toEqual({ enabled: true, channel: 'beta', url: 'https://updates.example.com/softphone' });
    expect(policy.allowsBaseUrl('https://pilot.example.com/v1')).toBe(true);
    expect(policy.allowsBaseUrl('https://evil.example.net')).toBe(false);
    expect(policy.provisionedLines()).toEqual([expect.objectContaining({ label: 'Vendas', provider: 'META', baseUrl: 'https://pilot.example.com', enforced: true })]);
    expect(policy.pollBounds()).toEqual({ min: 250, max: 5000 });
    // HKLM's Defaults win over HKCU's; HKCU never enforces.
    const settings = policy.effectiveSettings(freshSettings(), new Set());
    expect(settings).toMatchObject({ locale: 'pt-BR', pollIntervalMs: 2000, preAccept: false });
    expect(policy.diagnosticsUpload()).toBe(false);
    expect(policy.allowsNumberType('EVO_GO')).toBe(true);
  });

  it('reports a broken registry policy, ignores it whole and logs why', async () => {
    const { logger, lines } = capturingLogger();
    const policy = await loadPolicy(logger, { platform: 'win32', registry: recordedRegistry({ [hklm]: fixture('reg-query-hklm-broken.txt') }) });
    expect(policy.status.state).toBe('broken');
    expect(policy.status.problems[0]!.message).toMatch(/Lines is not valid JSON/);
    expect(policy.lockedSettings()).toEqual([]);
    expect(lines.some((l) => l.level === 50 && /admin policy is broken/.test(String(l.msg)))).toBe(true);
  });

  it('runs on the app defaults when reg itself fails', async () => {
    const failing: RegistryPort = { query: async () => Promise.reject(new Error('Access is denied.')) };
    const policy = await new WindowsRegistrySource(failing).read().then(
      () => null,
      (error: Error) => error.message,
    );
    expect(policy).toBe('Access is denied.');
    const loaded = await loadPolicy(capturingLogger().logger, { platform: 'win32', registry: failing });
    expect(loaded.status).toMatchObject({ state: 'broken', problems: [{ message: expect.stringMatching(/Access is denied/) }] });
  });
});

describe('macOS: managed preferences', () => {
  it('reads /Library/Managed Preferences/<appId>.plist with its Enforced and Defaults dictionaries', async () => {
    writeFileSync(
      join(dir.path, 'br.com.pilotstatus.softphone.plist'),
      buildPlist({ PayloadUUID: 'x', Enforced: { UpdatesEnabled: false, Language: 'en' }, Defaults: { PollIntervalMs: 3000 } } as never),
    );
    const policy = await loadPolicy(capturingLogger().logger, { platform: 'darwin', macDir: dir.path });
    expect(policy.status).toMatchObject({ state: 'applied', sources: [join(dir.path, 'br.com.pilotstatus.softphone.plist')] });
    expect(policy.updates().enabled).toBe(false);
    expect(policy.lockedSettings()).toEqual(['language']);
  });

  it('reports a damaged property list', async () => {
    writeFileSync(join(dir.path, 'br.com.pilotstatus.softphone.plist'), '<?xml version="1.0"?><plist><dict><key>Enforced</key>');
    const policy = await loadPolicy(capturingLogger().logger, { platform: 'darwin', macDir: dir.path });
    expect(policy.status.state).toBe('broken');
    expect(policy.status.problems[0]!.message).toMatch(/not a readable property list/);
  });
});

describe('Linux: /etc/pilot-softphone/policy.json and policy.d/', () => {
  it('merges policy.json and policy.d/*.json in name order, later files winning key by key', async () => {
    writeFileSync(join(dir.path, 'policy.json'), JSON.stringify({ Enforced: { PollIntervalMs: 2000, Language: 'en' } }));
    mkdirSync(join(dir.path, 'policy.d'));
    writeFileSync(join(dir.path, 'policy.d', '20-language.json'), JSON.stringify({ Enforced: { Language: 'pt-BR' } }));
    writeFileSync(join(dir.path, 'policy.d', '10-updates.json'), JSON.stringify({ Defaults: { UpdateChannel: 'beta' } }));
    writeFileSync(join(dir.path, 'policy.d', 'README'), 'not policy');
    const policy = await loadPolicy(capturingLogger().logger, { platform: 'linux', linuxDir: dir.path });
    expect(policy.status.sources.map((s) => s.slice(dir.path.length))).toEqual(['/policy.json', '/policy.d/10-updates.json', '/policy.d/20-language.json']);
    const settings = policy.effectiveSettings(freshSettings(), new Set());
    expect(settings).toMatchObject({ locale: 'pt-BR', pollIntervalMs: 2000 });
    expect(policy.updates().channel).toBe('beta');
  });

  it('checks every file against the published JSON Schema and says what is wrong, keeping the good files', async () => {
    writeFileSync(join(dir.path, 'policy.json'), JSON.stringify({ Enforced: { PreAccept: false } }));
    mkdirSync(join(dir.path, 'policy.d'));
    writeFileSync(join(dir.path, 'policy.d', '10-typo.json'), JSON.stringify({ Enforced: { PollIntervalMs: 100, Langauge: 'en' } }));
    writeFileSync(join(dir.path, 'policy.d', '20-cut.json'), '{"Enforced": {');
    const policy = await loadPolicy(capturingLogger().logger, { platform: 'linux', linuxDir: dir.path });
    expect(policy.status.state).toBe('broken');
    const messages = policy.status.problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/10-typo\.json: Enforced must NOT have additional properties "Langauge"/);
    expect(messages).toMatch(/Enforced\.PollIntervalMs must be >= 250/);
    expect(messages).toMatch(/20-cut\.json is not valid JSON/);
    expect(policy.lockedSettings()).toEqual(['preAccept']);
  });

  it('a folder given with --policy-dir adds policy below the computer\'s own, which wins key by key', async () => {
    const machine = join(dir.path, 'machine');
    const trial = join(dir.path, 'trial');
    mkdirSync(machine);
    mkdirSync(trial);
    writeFileSync(join(machine, 'policy.json'), JSON.stringify({ Enforced: { PollIntervalMs: 2000 } }));
    writeFileSync(join(trial, 'policy.json'), JSON.stringify({ Enforced: { PollIntervalMs: 500, LockedSettings: ['prompts'] }, Defaults: { Language: 'es' } }));
    const policy = await loadPolicy(capturingLogger().logger, { platform: 'linux', linuxDir: machine, extraDirs: [trial] });
    expect(policy.status.sources).toEqual([join(trial, 'policy.json'), join(machine, 'policy.json')]);
    // The agent's own settings as a new profile has them.
    const user = new SettingsStore(join(dir.path, 'settings.json')).settings;
    expect(policy.effectiveSettings({ ...user, prompts: [], dispositions: [] }, new Set())).toMatchObject({ pollIntervalMs: 2000, locale: 'es' });
    expect(policy.lockedSettings().sort()).toEqual(['pollInterval', 'prompts']);
  });

  it('has no policy when the folder does not exist', async () => {
    const policy = await loadPolicy(capturingLogger().logger, { platform: 'linux', linuxDir: join(dir.path, 'absent') });
    expect(policy.status).toEqual({ state: 'none', sources: [], problems: [] });
  });

  it('ships the examples IT starts from, and they pass the schema', async () => {
    const example = readFileSync(join(repoRoot, 'resources/policy/policy.example.json'), 'utf8');
    writeFileSync(join(dir.path, 'policy.json'), example);
    const policy = await loadPolicy(capturingLogger().logger, { platform: 'linux', linuxDir: dir.path });
    expect(policy.status).toMatchObject({ state: 'applied', problems: [] });
  });
});
