import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { teamKeys } from '../../main/team-server/redis-keys';
import { poll, startTeamInfra, TeamFixture, type TeamInfra, type TestAgent } from '../support/team-harness';
import { startTeamProcess, type TeamProcess } from '../support/team-process';

let infra: TeamInfra;
let team: TeamFixture;
let processes: TeamProcess[] = [];

beforeAll(async () => {
  infra = await startTeamInfra();
}, 60_000);
afterAll(() => infra?.stop());
afterEach(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  processes = [];
  await team?.close();
});

describe('failover: three instances, two of them killed mid-burst', () => {
  it('SIGKILL the poll-lease holder and an instance agents are on: every call rings every available agent once, and all reach PostgreSQL', async () => {
    team = await new TeamFixture(infra).setup(
      [
        { id: 'support', provider: 'EVO_GO' },
        { id: 'sales', provider: 'EVO_GO' },
      ],
      { intervalMs: 200, activeIntervalMs: 100 },
    );
    processes = await Promise.all(['fo-a', 'fo-b', 'fo-c'].map((id) => startTeamProcess(team.configFile, team.env(), id)));
    const urls = processes.map((p) => p.url);
    const agents: TestAgent[] = [];
    const numbersOf = new Map<TestAgent, string[]>();
    for (let i = 0; i < 12; i += 1) {
      const numbers = i % 3 === 0 ? ['support'] : ['support', 'sales'];
      const rotated = [...urls.slice(i % 3), ...urls.slice(0, i % 3)];
      const agent = team.agent(`Agent ${i}`, await team.addAgent(`Agent ${i}`, numbers), rotated);
      agents.push(agent);
      numbersOf.set(agent, numbers);
    }
    await Promise.all(agents.map((a) => a.connect()));
    const redis = team.redis();
    const keys = teamKeys(team.team);
    const holder = await poll(() => redis.get(keys.lease('support')), (h) => h !== null, 'a support poller');
    const leaseVictim = processes.find((p) => p.instanceId === holder)!;
    const agentVictim = processes.find((p) => p !== leaseVictim && agents.some((a) => a.instance === p.instanceId))!;
    const survivor = processes.find((p) => p !== leaseVictim && p !== agentVictim)!;
    const movedAgents = agents.filter((a) => a.instance === agentVictim.instanceId);
    expect(movedAgents.length).toBeGreaterThan(0);

    const { simulator } = team.sim;
    const calls: { id: string; number: string }[] = [];
    for (let i = 0; i < 24; i += 1) {
      const number = i % 2 === 0 ? 'support' : 'sales';
      calls.push({ id: simulator.incomingCall({ numberId: team.simNumber(number).id, from: `+5511955${String(i).padStart(6, '0')}` }).id, number });
      if (i === 8) await Promise.all([leaseVictim.kill(), agentVictim.kill()]);
      await new Promise((resolve) => setTimeout(resolve, 40)); // a burst spread over about a second, as calls arrive
    }

    const expected = (agent: TestAgent) => calls.filter((c) => numbersOf.get(agent)!.includes(c.number));
    await Promise.all(agents.map((a) => a.waitFor(() => expected(a).every((c) => (a.rings.get(c.id) ?? 0) >= 1), 'every call of its numbers rang', 20_000)));
    for (const agent of agents) {
      for (const call of expected(agent)) {
        expect(agent.rings.get(call.id), `${agent.name} / ${call.id}`).toBe(1);
        expect(agent.deliveredRings.get(call.id), `${agent.name} / ${call.id} delivered`).toBe(1);
      }
      expect([...agent.rings.keys()].every((id) => expected(agent).some((c) => c.id === id))).toBe(true);
    }
    for (const agent of movedAgents) expect(agent.instance).toBe(survivor.instanceId);
    expect(await redis.get(keys.lease('support'))).toBe(survivor.instanceId);

    const pool = team.pool();
    // Before anything else happens to them: every call is in the history as ringing (none lost with the killed instances).
    await poll(
      () => pool.query<{ id: string }>('SELECT id FROM calls WHERE ringing_at IS NOT NULL'),
      (r) => r.rows.length === calls.length,
      'every ringing call in PostgreSQL',
      20_000,
    );
    for (const call of calls) simulator.customerHangup(call.id);
    const rows = await poll(
      () => pool.query<{ id: string; outcome: string | null }>('SELECT id, outcome FROM calls'),
      (r) => r.rows.length === calls.length && r.rows.every((row) => row.outcome === 'missed'),
      'every call, ended, in PostgreSQL',
      20_000,
    );
    expect(rows.rows.map((r) => r.id).sort()).toEqual(calls.map((c) => c.id).sort());
  });

  it('a history writer takes over the entries a dead instance read from the stream but never wrote', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { enabled: false });
    const redis = team.redis();
    const keys = teamKeys(team.team);
    await redis.xgroup('CREATE', keys.stream, keys.historyGroup, '0', 'MKSTREAM');
    const now = Date.now();
    for (let i = 0; i < 5; i += 1) {
      const event = { kind: 'call', type: 'ringing', number: 'support', at: now, source: 'poll', call: { id: `call_dead_${i}`, status: 'RINGING', direction: 'INBOUND', peerNumber: '5511900000000' } };
      await redis.xadd(keys.stream, '*', 'e', JSON.stringify(event));
    }
    // The dead instance took them and died before writing.
    const taken = (await redis.xreadgroup('GROUP', keys.historyGroup, 'dead-instance', 'COUNT', 10, 'STREAMS', keys.stream, '>')) as [string, unknown[]][];
    expect(taken[0]![1]).toHaveLength(5);
    await team.start({ historyClaimIdleMs: 300 });
    const pool = team.pool();
    const rows = await poll(() => pool.query('SELECT id FROM calls ORDER BY id'), (r) => r.rows.length === 5, 'the dead instance\'s entries written');
    expect(rows.rows.map((r) => r.id)).toEqual([0, 1, 2, 3, 4].map((i) => `call_dead_${i}`));
    const pending = (await redis.xpending(keys.stream, keys.historyGroup)) as [number, ...unknown[]];
    expect(pending[0]).toBe(0);
  });
});
