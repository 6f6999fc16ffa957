import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTeamServerArgs, UsageError } from '../../main/team-server/cli-args';
import { ConfigError, loadConfig } from '../../main/team-server/config';
import { operationOf } from '../../main/team-server/pilot-clients';
import { tempDir } from '../support/temp-dir';

const dir = tempDir('pilot-team-config-');
afterAll(() => dir.remove());

const write = (name: string, content: unknown, mode = 0o600): string => {
  const file = join(dir.path, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  chmodSync(file, mode);
  return file;
};
const base = { team: 'acme', numbers: [{ id: 'support', label: 'Support', provider: 'EVO_GO' }, { id: 'sales', label: 'Sales', provider: 'META' }] };
const keys = { support: { apiKey: 'ps_supportkey123', webhookSecret: 'w'.repeat(32) }, sales: { apiKey: 'ps_saleskey12345' } };
const env = (overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  REDIS_URL: 'redis://127.0.0.1:6379',
  DATABASE_URL: 'postgres://team@127.0.0.1/team',
  PILOT_KEYS_FILE: write('keys.json', keys),
  ...overrides,
});
const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('team server configuration: file, then environment, then keys', () => {
  it('reads the file with defaults, and the environment wins', () => {
    const config = loadConfig(write('team.json', base), env({ TEAM_SERVER_LISTEN: '[::1]:9443', TEAM_SERVER_INSTANCE: 'east-1' }));
    expect(config).toMatchObject({
      team: 'acme',
      listen: { host: '::1', port: 9443 },
      pilotBaseUrl: 'https://pilotstatus.com.br',
      poll: { enabled: true, intervalMs: 1000, activeIntervalMs: 500 },
      streamRetentionMinutes: 360,
      redisUrl: 'redis://127.0.0.1:6379',
      instanceId: 'east-1',
    });
    expect(config.keys.get('support')).toEqual(keys.support);
    expect(config.tls).toBeUndefined();
  });

  it('says what is wrong, where, for every bad input', () => {
    expect(failure(() => loadConfig(join(dir.path, 'missing.json'), env()))).toContain('ENOENT');
    expect(failure(() => loadConfig(write('bad.json', '{'), env()))).toContain('not valid JSON');
    expect(failure(() => loadConfig(write('t1.json', { ...base, numbers: [{ id: 'Support!', label: 'x', provider: 'EVO_GO' }] }), env()))).toContain('numbers.0.id');
    expect(failure(() => loadConfig(write('t2.json', { ...base, numbers: [base.numbers[0], base.numbers[0]] }), env()))).toContain('unique');
    expect(failure(() => loadConfig(write('t3.json', { ...base, colour: 'blue' }), env()))).toContain('colour');
    const file = write('team.json', base);
    expect(failure(() => loadConfig(file, env({ REDIS_URL: undefined })))).toContain('REDIS_URL');
    expect(failure(() => loadConfig(file, env({ TEAM_SERVER_LISTEN: 'nowhere' })))).toContain('host:port');
    expect(failure(() => loadConfig(file, env({ TEAM_SERVER_TLS_CERT: '/etc/cert.pem' })))).toContain('both a certificate and a key');
    expect(failure(() => loadConfig(file, env({ PILOT_KEYS_FILE: write('open.json', keys, 0o644) })))).toContain('chmod 600');
    expect(failure(() => loadConfig(file, env({ PILOT_KEYS_FILE: write('k1.json', { support: keys.support }) })))).toContain('no key for: sales');
    expect(failure(() => loadConfig(file, env({ PILOT_KEYS_FILE: write('k2.json', { ...keys, billing: keys.sales }) })))).toContain('"billing"');
    const badKey = failure(() => loadConfig(file, env({ PILOT_KEYS_FILE: write('k3.json', { ...keys, sales: { apiKey: 'secret-without-prefix' } }) })));
    expect(badKey).toContain('apiKey must look like ps_');
    expect(badKey).not.toContain('secret-without-prefix');
    expect(failure(() => loadConfig(file, env({ PILOT_KEYS_FILE: write('k4.json', { ...keys, support: { ...keys.support, webhookSecret: 'short' } }) })))).toContain('webhookSecret');
  });

  it('admin commands need no keys file', () => {
    const config = loadConfig(write('team.json', base), env({ PILOT_KEYS_FILE: undefined }), { keys: false });
    expect(config.keys.size).toBe(0);
  });
});

describe('team server command line', () => {
  it('parses serve and the agents commands, and refuses the rest with a sentence', () => {
    expect(parseTeamServerArgs(['--config', 'team.json'])).toEqual({ kind: 'serve', config: 'team.json' });
    expect(parseTeamServerArgs([], { TEAM_SERVER_CONFIG: 'env.json' })).toEqual({ kind: 'serve', config: 'env.json' });
    expect(parseTeamServerArgs(['agents', 'add', 'Ana Beatriz', '--numbers', 'support, sales', '--supervisor', '--config', 'c.json'])).toEqual({
      kind: 'agents-add', config: 'c.json', name: 'Ana Beatriz', numbers: ['support', 'sales'], supervisor: true, json: false,
    });
    expect(parseTeamServerArgs(['agents', 'revoke', 'agt_1', '--config', 'c.json', '--json'])).toMatchObject({ kind: 'agents-revoke', agent: 'agt_1', json: true });
    expect(parseTeamServerArgs(['--help'])).toEqual({ kind: 'help' });
    for (const [args, message] of [
      [['agents', 'add', 'Ana', '--config', 'c.json'], '--numbers'],
      [['agents', 'add', 'Ana', 'Beatriz', '--numbers', 'a', '--config', 'c.json'], 'quote a name'],
      [['serve', '--config', 'c.json'], 'unknown command'],
      [['--config'], 'needs a value'],
      [['--port', '1'], 'unknown option'],
      [[], '--config FILE is required'],
    ] as const) {
      expect(() => parseTeamServerArgs(args, {}), args.join(' ')).toThrow(UsageError);
      expect(() => parseTeamServerArgs(args, {})).toThrow(message);
    }
  });

  it('names Pilot Status requests by operation for the metrics', () => {
    expect(operationOf('GET', 'http://p/v1/calls?limit=25')).toBe('list');
    expect(operationOf('POST', 'http://p/v1/calls')).toBe('dial');
    expect(operationOf('GET', 'http://p/v1/calls/call_1?includeSdp=1')).toBe('get');
    expect(operationOf('POST', 'http://p/v1/calls/call_1/pre-accept')).toBe('pre-accept');
    expect(operationOf('GET', 'http://p/v1/calls/permissions?to=1')).toBe('permissions');
    expect(operationOf('PUT', 'http://p/v1/calls/settings')).toBe('settings');
  });
});
