import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { teamSocketProtocol } from '../../main/core/team/protocol';
import { runAgentsCommand } from '../../main/team-server/admin/agents-command';
import { loadConfig } from '../../main/team-server/config';
import { repoRoot } from '../support/app-process';
import { TeamFixture } from '../support/team-harness';
import { sharedTeamInfra } from '../support/team-infra-hooks';

let team: TeamFixture;
const infra = sharedTeamInfra(() => team);

const run = promisify(execFile);
const cli = (args: string[], env: NodeJS.ProcessEnv) =>
  run(process.execPath, ['--import', 'tsx', 'main/team-server/main.ts', ...args], { cwd: repoRoot, env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

/** Opens an agent socket by hand; resolves with the HTTP status of a refusal, or the close code of an accepted socket. */
const rawConnect = (url: string, token: string): Promise<{ refused?: number; closed?: number }> =>
  new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/agent`, teamSocketProtocol, { headers: { authorization: `Bearer ${token}` } });
    ws.on('unexpected-response', (_req, res) => resolve({ refused: res.statusCode }));
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello' })));
    ws.on('close', (code) => resolve({ closed: code }));
    ws.on('error', () => undefined);
  });

describe('agents: tokens and the admin command', () => {
  it('agents add prints a token once and stores only its hash; list never shows tokens; bad input is refused with a sentence', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }, { id: 'sales', provider: 'META' }]);
    const env = team.env();
    const added = await cli(['agents', 'add', 'Ana Beatriz', '--numbers', 'support,sales', '--config', team.configFile, '--json'], env);
    expect(added.code).toBe(0);
    const { agent, token } = JSON.parse(added.stdout) as { agent: { id: string; name: string; numbers: string[] }; token: string };
    expect(agent).toMatchObject({ name: 'Ana Beatriz', numbers: ['support', 'sales'] });
    expect(token).toMatch(/^pst_[A-Za-z0-9_-]{43}$/);
    const listed = await cli(['agents', 'list', '--config', team.configFile], env);
    expect(listed.stdout).toContain('Ana Beatriz');
    expect(listed.stdout).not.toContain(token);
    const stored = JSON.stringify((await team.pool().query('SELECT * FROM agents')).rows);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(4));

    const unknown = await cli(['agents', 'add', 'Bia', '--numbers', 'nope', '--config', team.configFile], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown: nope');
    const noNumbers = await cli(['agents', 'add', 'Bia', '--config', team.configFile], env);
    expect(noNumbers.code).toBe(2);
    expect(noNumbers.stderr).toContain('--numbers');
    const noDatabase = await cli(['agents', 'list', '--config', team.configFile], { ...env, DATABASE_URL: '' });
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.stderr).toContain('DATABASE_URL');
  });

  it('a revoked token is refused at once and its open sockets, on any instance, are closed', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }]);
    const [a, b] = [await team.start(), await team.start()];
    const anaToken = await team.addAgent('Ana', ['support']);
    const ana = await team.agent('Ana', anaToken, [b.url]).connect();
    const bruno = await team.agent('Bruno', await team.addAgent('Bruno', ['support']), [a.url]).connect();
    const config = loadConfig(team.configFile, team.env(), { keys: false });

    const output = await runAgentsCommand({ kind: 'agents-revoke', config: team.configFile, agent: 'Ana', json: false }, config);
    expect(output).toContain('Revoked Ana');
    await ana.waitFor(() => ana.state === 'unauthorized', 'the open socket closed as unauthorized');
    expect(ana.views.at(-1)?.error).toMatchObject({ code: 'TEAM_TOKEN_REFUSED' });
    expect(await rawConnect(a.url, anaToken)).toEqual({ refused: 401 });
    expect(await rawConnect(b.url, anaToken)).toEqual({ refused: 401 });
    expect(bruno.state).toBe('ok');
    expect(b.agentsConnected()).toBe(0);
    // Revoked means revoked: the app does not keep knocking with the same token.
    expect(ana.state).toBe('unauthorized');
  });

  it('refuses sockets without the protocol, without a token or with a malformed one, before upgrading', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }]);
    const server = await team.start();
    expect(await rawConnect(server.url, 'pst_short')).toEqual({ refused: 401 });
    expect(await rawConnect(server.url, '')).toEqual({ refused: 401 });
    const noProtocol = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/agent`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(noProtocol).toBe(400);
  });
});
