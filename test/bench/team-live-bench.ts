import { webhooksOf } from '../../main/simulator/webhooks';
import { teamKeys } from '../../main/team-server/redis-keys';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy';
import { TeamFixture, type TeamInfra, type TestAgent } from '../support/team-harness';
import { startTeamProcess, type TeamProcess } from '../support/team-process';
import { report } from './bench-result';

const pollIntervalMs = 500;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The live team benchmarks, on 3 team-server processes, 8 web numbers and
 * up to `agentCount` agents (real team lines over WebSocket, in this process):
 *   team.pilot_requests_per_s  Pilot Status requests during the same call workload with 5 and with all agents
 *   team.fanout_ms             simulator's call event → each agent's socket delivering the ring (webhooks on)
 *   team.failover_ms           poll-lease holder SIGKILLed → the next poll of each of its numbers by another instance
 *   team.missed_rings / team.duplicate_rings  over the failover rounds (polling only)
 */
export const benchTeamLive = async (infra: TeamInfra, agentCount: number): Promise<void> => {
  const team = await new TeamFixture(infra).setup(Array.from({ length: 8 }, (_, i) => ({ id: `n${i + 1}`, provider: 'EVO_GO' as const })), {
    intervalMs: pollIntervalMs,
    activeIntervalMs: pollIntervalMs / 2,
  });
  const proxy = await startCountingProxy(team.sim.url);
  team.patchConfig({ pilotBaseUrl: proxy.url });
  let serial = 0;
  const processes: TeamProcess[] = await Promise.all([0, 1, 2].map(() => startTeamProcess(team.configFile, team.env(), `bench-${serial++}`)));
  const agents: TestAgent[] = [];
  const { simulator } = team.sim;
  try {
    const webhooks = webhooksOf(simulator);
    for (const number of team.numbers) webhooks.target({ numberId: number.sim.id, url: team.webhookUrl(number.id, processes[0]!) });
    const join = async (count: number) => {
      const urls = processes.map((p) => p.url);
      const joining: TestAgent[] = [];
      for (let i = agents.length; i < count; i += 1) {
        const rotated = [...urls.slice(i % 3), ...urls.slice(0, i % 3)];
        joining.push(team.agent(`Agent ${i}`, await team.addAgent(`Agent ${i}`, team.numbers.map((n) => n.id)), rotated));
      }
      // In batches, as a call center's apps start through a morning rather than in one instant.
      for (let i = 0; i < joining.length; i += 50) await Promise.all(joining.slice(i, i + 50).map((a) => a.connect(60_000)));
      agents.push(...joining);
    };

    await join(5);
    const few = await pilotLoad(team, proxy, agents.slice(0, 5));
    await join(agentCount);
    const many = await pilotLoad(team, proxy, agents.slice(0, 5));
    const base = { numbers: 8, instances: 3, pollIntervalMs, calls: 24 };
    console.log(JSON.stringify({ name: 'team.pilot_requests_per_s', unit: 'req/s', n: 2, p50: many, agents: agentCount, ...base, at5Agents: few, [`at${agentCount}Agents`]: many }));
    console.log(JSON.stringify({ name: 'team.pilot_requests_ratio', unit: 'ratio', n: 1, p50: Math.round((many / few) * 1000) / 1000, goal: '<= 1.05', agents: [5, agentCount] }));

    // Fan-out: 30 calls on one number ring every agent.
    const serverBefore = await fanoutBuckets(processes);
    const ringsAt = new Map<string, number>();
    const onCall = ({ call, status, at }: { call: { id: string }; status: string; at: number }) => status === 'RINGING' && ringsAt.set(call.id, at);
    simulator.on('call', onCall);
    const fanoutCalls: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      fanoutCalls.push(simulator.incomingCall({ numberId: team.simNumber('n1').id, from: `+55119${String(70000000 + i)}` }).id);
      await pause(200);
    }
    await Promise.all(agents.map((a) => a.waitFor(() => fanoutCalls.every((id) => a.ringDeliveredAt.has(id)), 'every fan-out ring', 60_000)));
    simulator.off('call', onCall);
    const samples = agents.flatMap((a) => fanoutCalls.map((id) => a.ringDeliveredAt.get(id)! - ringsAt.get(id)!));
    report('team.fanout_ms', 'ms', samples, { agents: agentCount, instances: 3, calls: fanoutCalls.length, goal: '< 100 (p95)' });
    // The servers' own view of the same phase (their fan-out histogram): intake to the message leaving for each socket,
    // without this process's 500 simulated apps taking their turn on the same CPU.
    const serverAfter = await fanoutBuckets(processes);
    const phase = [...serverAfter].map(([le, count]) => [le, count - (serverBefore.get(le) ?? 0)] as const);
    const total = phase.at(-1)![1];
    const quantile = (q: number) => phase.find(([, count]) => count >= q * total)![0] * 1000;
    console.log(JSON.stringify({ name: 'team.fanout_server_ms', unit: 'ms', n: total, p50: quantile(0.5), p95: quantile(0.95), note: 'histogram bucket upper bounds' }));
    for (const id of fanoutCalls) simulator.customerHangup(id);

    // Failover: polling only; the lease holder of n1 dies mid-burst, three times.
    for (const number of team.numbers) webhooks.remove(number.sim.id);
    const failover: number[] = [];
    const burst: string[] = [];
    const redis = team.redis();
    const keys = teamKeys(team.team);
    for (let round = 0; round < 3; round += 1) {
      const holders = await Promise.all(team.numbers.map((n) => redis.get(keys.lease(n.id))));
      const victim = processes.find((p) => p.instanceId === holders[0])!;
      const held = team.numbers.filter((_, i) => holders[i] === victim.instanceId);
      let killedAt = 0;
      for (let i = 0; i < 12; i += 1) {
        burst.push(simulator.incomingCall({ numberId: team.numbers[i % 8]!.sim.id, from: `+55119${String(80000000 + round * 100 + i)}` }).id);
        if (i === 4) {
          killedAt = performance.now();
          await victim.kill();
        }
        await pause(100);
      }
      for (const number of held) {
        const next = await waitFor(() => proxy.requests.find((r) => r.at > killedAt && r.apiKey === number.sim.apiKey && r.path.startsWith('/v1/calls?')), 10_000);
        failover.push(next.at - killedAt);
      }
      // Back at its address, as behind a load balancer: the agents' list of addresses stays good.
      processes[processes.indexOf(victim)] = await startTeamProcess(team.configFile, team.env(), `bench-${serial++}`, victim.port);
    }
    await Promise.all(agents.map((a) => a.waitFor(() => burst.every((id) => a.rings.has(id)), 'every burst ring', 60_000).catch(() => undefined)));
    report('team.failover_ms', 'ms', failover, { rounds: 3, pollIntervalMs, goal: `<= ${2 * pollIntervalMs} (2 poll periods)` });
    for (const id of burst) {
      const rang = agents.filter((a) => a.rings.has(id)).length;
      if (rang < agents.length) {
        const state = await redis.hmget(`pt:{${team.team}}:call:${id}`, 'kind', 'status', 'rung', 'number');
        console.error(`bench: ${id} rang ${rang}/${agents.length} agents; team state ${JSON.stringify(state)}; seen by agent 0 as ${agents[0]!.typesOf(id).join(',')}`);
      }
    }
    const pairs = agents.length * burst.length;
    const missed = agents.reduce((sum, a) => sum + burst.filter((id) => !a.rings.has(id)).length, 0);
    const duplicated = agents.reduce((sum, a) => sum + burst.filter((id) => (a.deliveredRings.get(id) ?? 0) > 1).length, 0);
    console.log(JSON.stringify({ name: 'team.missed_rings', unit: 'rings', n: pairs, p50: missed, goal: 0, agents: agents.length, calls: burst.length }));
    console.log(JSON.stringify({ name: 'team.duplicate_rings', unit: 'rings', n: pairs, p50: duplicated, goal: 0, agents: agents.length, calls: burst.length }));
    for (const id of burst) simulator.customerHangup(id);
  } finally {
    for (const agent of agents) agent.stop();
    await Promise.all(processes.map((p) => p.kill()));
    await proxy.close();
    await team.close();
  }
};

/** The first of `agents` the call rings. */
const firstRung = (agents: readonly TestAgent[], callId: string): Promise<TestAgent> =>
  new Promise((resolve, reject) => {
    const check = () => {
      const rung = agents.find((a) => a.rings.has(callId));
      if (!rung) return;
      cleanup();
      resolve(rung);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no answerer rang for ${callId}`));
    }, 30_000);
    const cleanup = () => {
      clearTimeout(timer);
      for (const agent of agents) agent.off('change', check);
    };
    for (const agent of agents) agent.on('change', check);
    check();
  });

/** The instances' fan-out histograms summed: bucket upper bound (s) → cumulative count. */
const fanoutBuckets = async (processes: readonly TeamProcess[]): Promise<Map<number, number>> => {
  const buckets = new Map<number, number>();
  for (const process of processes) {
    const text = await (await fetch(`${process.url}/metrics`)).text();
    for (const match of text.matchAll(/^team_fanout_latency_seconds_bucket\{([^}]*)\} (\d+)/gm)) {
      const bound = /le="([^"]+)"/.exec(match[1]!)![1];
      const le = bound === '+Inf' ? Number.POSITIVE_INFINITY : Number(bound);
      buckets.set(le, (buckets.get(le) ?? 0) + Number(match[2]));
    }
  }
  return new Map([...buckets].sort((a, b) => a[0] - b[0]));
};

/** Re-checks `find` until it returns something (the counting proxy's log has no events). */
const waitFor = async <T>(find: () => T | undefined, timeoutMs: number): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await pause(5);
  }
};

/**
 * The same workload whatever the team size: 24 calls over 8 numbers, each
 * answered by one of the same five agents (the first it rings: an agent on a
 * call is not rung) and hung up; Pilot Status requests per second over it.
 */
let workloads = 0;
const pilotLoad = async (team: TeamFixture, proxy: CountingProxy, answerers: TestAgent[]): Promise<number> => {
  const { simulator } = team.sim;
  workloads += 1;
  const started = performance.now();
  const handled: Promise<void>[] = [];
  for (let i = 0; i < 24; i += 1) {
    const number = team.numbers[i % 8]!;
    const call = simulator.incomingCall({ numberId: number.sim.id, from: `+55119${String(60000000 + workloads * 100 + i)}` });
    handled.push(
      (async () => {
        // Whichever of the answerers rings first takes it (one on a call is, rightly, not rung).
        const answerer = await firstRung(answerers, call.id);
        await answerer.line.client(number.id).accept(call.id);
        await pause(200);
        simulator.customerHangup(call.id);
      })(),
    );
    await pause(400);
  }
  await Promise.all(handled);
  await pause(2 * pollIntervalMs);
  const seconds = (performance.now() - started) / 1000;
  const count = proxy.requests.filter((r) => r.at >= started).length;
  return Math.round((count / seconds) * 100) / 100;
};

