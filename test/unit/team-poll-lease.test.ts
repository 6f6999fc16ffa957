import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logging/logger';
import { PilotClient } from '../../main/core/pilot/pilot-client';
import { NumberPoller } from '../../main/team-server/intake/number-poller';
import { PollCoordinator } from '../../main/team-server/intake/poll-coordinator';
import { PollLease } from '../../main/team-server/intake/poll-lease';
import { TeamIntake } from '../../main/team-server/intake/team-intake';
import { createTeamMetrics } from '../../main/team-server/metrics';
import { teamKeys } from '../../main/team-server/redis-keys';
import { poll, TeamFixture, until } from '../support/team-harness';
import { sharedTeamInfra } from '../support/team-infra-hooks';

let team: TeamFixture;
const infra = sharedTeamInfra(() => team);

describe('poll leases: one instance polls each number', () => {
  it('three instances share four numbers: no number is ever polled by two instances at the same time', async () => {
    // A period long enough that a loaded machine's pauses stay well inside the lease (a lapse hands the number over, which is allowed).
    team = await new TeamFixture(infra).setup(['support', 'sales', 'billing', 'web'].map((id) => ({ id, provider: 'EVO_GO' as const })), { intervalMs: 400, activeIntervalMs: 400 });
    const polls = new EventEmitter();
    const numberOfKey = new Map(team.numbers.map((n) => [n.sim.apiKey, n.id]));
    const requests: { instance: string; number: string; start: number; end: number }[] = [];
    // Each instance's Pilot Status requests, timed: a list request is a poll.
    const timedFetch =
      (instance: string): typeof fetch =>
      async (input, init) => {
        const start = performance.now();
        const response = await fetch(input, init);
        const key = new Headers(init?.headers).get('x-api-key') ?? '';
        if ((init?.method ?? 'GET') === 'GET' && new URL(String(input)).pathname === '/v1/calls') {
          requests.push({ instance, number: numberOfKey.get(key)!, start, end: performance.now() });
          polls.emit('change');
        }
        return response;
      };
    const servers = await Promise.all(['a', 'b', 'c'].map((name) => team.start({ fetch: timedFetch(name) }, `lease-${name}`)));
    await until(polls, () => team.numbers.every((n) => requests.filter((r) => r.number === n.id).length >= 5), 'five polls of every number');
    for (const number of team.numbers) {
      const mine = requests.filter((r) => r.number === number.id).sort((x, y) => x.start - y.start);
      for (let i = 1; i < mine.length; i += 1) {
        const [before, after] = [mine[i - 1]!, mine[i]!];
        if (before.instance !== after.instance) expect(after.start, `${number.id}: ${before.instance} and ${after.instance} overlap`).toBeGreaterThanOrEqual(before.end);
      }
    }
    const held = servers.flatMap((s) => s.polling());
    expect(new Set(held).size).toBe(held.length);
  });

  it('when the holder stops renewing (dead), another instance takes the lease and polls; the lease lives 1.25 poll periods', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }]);
    const keys = teamKeys(team.team);
    const intervalMs = 150;
    const number = team.simNumber('support');
    const events = new EventEmitter();
    const polledBy: string[] = [];
    const coordinator = (owner: string, redis: Redis) => {
      const metrics = createTeamMetrics(owner);
      const client = new PilotClient({ baseUrl: team.sim.url, apiKey: async () => number.apiKey });
      const intake = new TeamIntake({ redis, keys, retentionMs: 60_000, logger: silentLogger(), metrics, confirm: (_n, id) => client.getCall(id) });
      return new PollCoordinator({
        numbers: ['support'],
        lease: new PollLease(redis, keys, owner, PollCoordinator.leaseTtlMs(intervalMs)),
        logger: silentLogger(),
        metrics,
        intervalMs,
        createPoller: (n, fence) =>
          new NumberPoller({
            ...fence,
            number: n,
            client,
            intake,
            redis,
            keys,
            logger: silentLogger(),
            intervalMs,
            activeIntervalMs: intervalMs,
            onPolled: () => {
              polledBy.push(owner);
              events.emit('change');
            },
          }),
      });
    };
    const redisA = team.redis();
    const a = coordinator('a', redisA);
    a.start();
    await until(events, () => polledBy.includes('a'), 'a polls');
    const b = coordinator('b', team.redis());
    b.start();
    const ttl = await team.redis().pttl(keys.lease('support'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1.25 * intervalMs);
    await until(events, () => polledBy.filter((o) => o === 'a').length >= 4, 'a keeps polling');
    expect(polledBy).not.toContain('b');

    // a dies: its Redis connection is gone, so it renews nothing and writes nothing.
    redisA.disconnect();
    await until(events, () => polledBy.includes('b'), 'b takes over');
    expect(await team.redis().get(keys.lease('support'))).toBe('b');
    expect(b.held()).toEqual(['support']);
    await until(events, () => a.held().length === 0, 'a gives up its poller', 5000).catch(() => undefined);
    expect(a.held()).toEqual([]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('a graceful stop hands the lease back at once', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { intervalMs: 5000 });
    const first = await team.start({}, 'first');
    const keys = teamKeys(team.team);
    const redis = team.redis();
    await poll(() => redis.get(keys.lease('support')), (holder) => holder === 'first', 'the lease taken');
    await first.close();
    expect(await redis.get(keys.lease('support'))).toBeNull();
  });
});
