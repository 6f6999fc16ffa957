import { describe, expect, it } from 'vitest';
import type { PresenceStatus, SupervisorFeed } from '../../main/core/team/protocol';
import { poll, TeamFixture, type TestAgent } from '../support/team-harness';
import { sharedTeamInfra } from '../support/team-infra-hooks';

let team: TeamFixture;
const infra = sharedTeamInfra(() => team);

const statusIn = (feed: SupervisorFeed | undefined, name: string): PresenceStatus | undefined => feed?.agents.find((a) => a.name === name)?.status;

describe('presence: calls ring only agents available on the number', () => {
  it('away, do-not-disturb, on a call and other numbers do not ring; the feed shows it all; supervisors listen in', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }, { id: 'sales', provider: 'EVO_GO' }], { intervalMs: 100, activeIntervalMs: 50 });
    const [a, b] = [await team.start(), await team.start()];
    const join = async (name: string, numbers: string[], options: { status?: 'available' | 'away' | 'dnd'; supervisor?: boolean; url: string }) =>
      team.agent(name, await team.addAgent(name, numbers, options.supervisor ? 'supervisor' : 'agent'), [options.url], { status: options.status }).connect();
    const ana = await join('Ana', ['support'], { url: a.url });
    const bruno = await join('Bruno', ['support'], { url: b.url, status: 'away' });
    const carla = await join('Carla', ['support'], { url: a.url, status: 'dnd' });
    const davi = await join('Davi', ['sales'], { url: b.url });
    const sue = await join('Sue', ['support'], { url: b.url, supervisor: true, status: 'dnd' });
    const everyone: TestAgent[] = [ana, bruno, carla, davi, sue];
    const { simulator } = team.sim;
    const support = team.simNumber('support');
    const ring = async () => {
      const call = simulator.incomingCall({ numberId: support.id, from: '+5511955550000' });
      await Promise.all([ana, bruno, carla, sue].map((x) => x.waitFor(() => x.events.some((e) => e.event.call.id === call.id), 'the call reaches the number\'s agents')));
      return call;
    };

    const first = await ring();
    expect(everyone.filter((x) => x.rings.get(first.id) === 1).map((x) => x.name)).toEqual(['Ana']);
    expect(bruno.typesOf(first.id)).toEqual(['seen']);
    expect(davi.typesOf(first.id)).toEqual([]);

    await ana.line.client('support').accept(first.id);
    await bruno.line.setPresence('available');
    const feed = await sue.line.feed();
    expect(statusIn(feed, 'Ana')).toBe('on-call');
    expect(statusIn(feed, 'Bruno')).toBe('available');
    expect(feed.agents.find((x) => x.name === 'Ana')?.callId).toBe(first.id);
    expect(feed.live.map((c) => [c.callId, c.answeredBy?.name])).toEqual([[first.id, 'Ana']]);

    const second = await ring();
    expect(everyone.filter((x) => x.rings.get(second.id) === 1).map((x) => x.name)).toEqual(['Bruno']);
    // Supervisors are pushed the feed as it changes, without asking.
    await sue.waitFor(() => sue.feeds.at(-1)?.ringing.some((c) => c.callId === second.id) ?? false, 'the feed shows the ringing call');

    // Listening in: supervisors only, live calls only; talking: only the agent who answered.
    expect((await sue.line.client('support').realtimeSession(first.id, 'listen')).wsUrl).toContain('/realtime');
    await expect(bruno.line.client('support').realtimeSession(first.id, 'listen')).rejects.toMatchObject({ status: 403, code: 'SUPERVISORS_ONLY' });
    await expect(bruno.line.client('support').realtimeSession(first.id, 'talk')).rejects.toMatchObject({ status: 403, code: 'NOT_YOUR_CALL' });
    await expect(sue.line.client('support').realtimeSession(second.id, 'listen')).rejects.toMatchObject({ status: 409, code: 'CALL_NOT_LIVE' });
    expect((await ana.line.client('support').realtimeSession(first.id, 'talk')).wsUrl).toContain('/realtime');
    await expect(bruno.line.client('support').terminate(first.id)).rejects.toMatchObject({ status: 403, code: 'NOT_YOUR_CALL' });
    await expect(davi.line.client('support').accept(second.id)).rejects.toMatchObject({ status: 403, code: 'NUMBER_NOT_ALLOWED' });

    // Ana hangs up: available again, the next call rings her.
    await ana.line.client('support').terminate(first.id);
    await poll(() => sue.line.feed(), (f) => statusIn(f, 'Ana') === 'available', 'Ana available again');
    const third = await ring();
    expect(everyone.filter((x) => x.rings.get(third.id) === 1).map((x) => x.name).sort()).toEqual(['Ana', 'Bruno']);

    // Someone closing the app reads as offline.
    carla.stop();
    await poll(() => sue.line.feed(), (f) => statusIn(f, 'Carla') === 'offline', 'Carla offline');
  });
});

describe('Meta numbers: Pilot Status load does not grow with agents', () => {
  const answer = (tag: string) =>
    ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', `a=fingerprint:sha-256 ${tag}`, 'a=setup:active', 'a=rtpmap:111 opus/48000/2', ''].join('\r\n');

  it('the offer is fetched once for all agents on all instances; the agent who accepts first has its own SDP pre-accepted before the accept', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'sales', provider: 'META' }], { intervalMs: 100, activeIntervalMs: 50 });
    const offerFetches: string[] = [];
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes('includeSdp=1')) offerFetches.push(String(input));
      return fetch(input, init);
    };
    const servers = [await team.start({ fetch: counting }), await team.start({ fetch: counting })];
    const agents = await Promise.all(
      ['Ana', 'Bruno', 'Carla', 'Davi', 'Eva'].map(async (name, i) => team.agent(name, await team.addAgent(name, ['sales']), [servers[i % 2]!.url]).connect()),
    );
    const call = team.sim.simulator.incomingCall({ numberId: team.simNumber('sales').id, from: '+5521988887777', sdpOffer: 'v=0 the offer' });
    await Promise.all(agents.map((x) => x.waitFor(() => x.rings.get(call.id) === 1, 'rings')));
    const fetched = await Promise.all(agents.map((x) => x.line.client('sales').getCall(call.id, { includeSdp: true })));
    expect(fetched.map((c) => c.sdpOffer)).toEqual(agents.map(() => 'v=0 the offer'));
    expect(offerFetches).toHaveLength(1);

    const [ana, bruno] = agents as [TestAgent, TestAgent];
    expect(await ana.line.client('sales').preAccept(call.id, answer('AA:AA'))).toMatchObject({ success: true });
    expect(await bruno.line.client('sales').preAccept(call.id, answer('BB:BB'))).toMatchObject({ forwarded: false });
    expect(team.sim.simulator.call(call.id)!.preAcceptSdp).toBe(answer('AA:AA'));
    await bruno.line.client('sales').accept(call.id, answer('BB:BB'));
    expect(team.sim.simulator.call(call.id)).toMatchObject({ status: 'ACCEPTED', acceptSdp: answer('BB:BB'), preAcceptSdp: answer('BB:BB') });
    await expect(ana.line.client('sales').accept(call.id, answer('AA:AA'))).rejects.toMatchObject({ code: 'CALL_ANSWERED_ELSEWHERE', extra: { answeredBy: 'Bruno' } });
  });
});
