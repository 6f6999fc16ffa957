import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTeamServer } from '../../main/team-server/team-server';
import { startRedis } from '../support/redis-server';
import { TeamFixture, testLogger } from '../support/team-harness';
import { sharedTeamInfra } from '../support/team-infra-hooks';

let team: TeamFixture;
const infra = sharedTeamInfra(() => team);

const metric = (text: string, name: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.split(' ').at(-1)) : Number.NaN;
};

describe('team server health, readiness, metrics and TLS', () => {
  it('/healthz, /readyz and /metrics: agents connected, events, Pilot requests and fan-out latency', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { intervalMs: 100, activeIntervalMs: 50 });
    const server = await team.start();
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { started: true, redis: true, postgres: true } });
    const ana = await team.agent('Ana', await team.addAgent('Ana', ['support']), [server.url]).connect();
    const call = team.sim.simulator.incomingCall({ numberId: team.simNumber('support').id, from: '+5511911110000' });
    await ana.waitFor(() => ana.rings.get(call.id) === 1, 'rings');
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(metric(text, 'team_agents_connected')).toBe(1);
    expect(metric(text, 'team_events_total{source="poll",result="ringing"')).toBe(1);
    expect(metric(text, 'team_pilot_requests_total{operation="list",outcome="200"')).toBeGreaterThan(0);
    expect(metric(text, 'team_fanout_latency_seconds_count')).toBe(1);
    expect(metric(text, 'team_poll_leases_held')).toBe(1);
    expect(text).not.toContain(team.simNumber('support').apiKey);
  });

  it('/readyz says 503, and which part is down, when Redis goes away', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { enabled: false });
    const ownRedis = await startRedis();
    const config = { ...team.config(), redisUrl: ownRedis.url };
    const server = await startTeamServer(config, { logger: testLogger() });
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      await ownRedis.stop();
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ready: false, checks: { redis: false, postgres: true } });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('serves agents and webhooks over TLS when given a certificate and key', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { intervalMs: 100, activeIntervalMs: 50 });
    const cert = join(team.dir.path, 'cert.pem');
    const key = join(team.dir.path, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = await startTeamServer({ ...team.config(), tls: { cert, key } }, { logger: testLogger() });
    try {
      expect(server.url).toMatch(/^https:/);
      // The company's certificate authority, as an admin would give it to the app.
      const agent = await team.agent('Bia', await team.addAgent('Bia', ['support']), [server.url], { tls: { ca: readFileSync(cert) } }).connect();
      const call = team.sim.simulator.incomingCall({ numberId: team.simNumber('support').id, from: '+5511911110001' });
      await agent.waitFor(() => agent.rings.get(call.id) === 1, 'rings over TLS');
    } finally {
      await server.close();
    }
  });
});
