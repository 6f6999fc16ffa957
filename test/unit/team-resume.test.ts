import { describe, expect, it } from 'vitest';
import { poll, TeamFixture } from '../support/team-harness';
import { sharedTeamInfra } from '../support/team-infra-hooks';

let team: TeamFixture;
const infra = sharedTeamInfra(() => team);

const from = (i: number) => `+55119876500${String(i).padStart(2, '0')}`;

describe('agents resume from their stream position', () => {
  it('after a disconnection: what happened meanwhile arrives, in order, each once, and nothing rings twice', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { intervalMs: 100, activeIntervalMs: 50 });
    const server = await team.start();
    const agent = await team.agent('Ana', await team.addAgent('Ana', ['support']), [server.url]).connect();
    const { simulator } = team.sim;
    const number = team.simNumber('support');
    const first = simulator.incomingCall({ numberId: number.id, from: from(1) });
    await agent.waitFor(() => agent.rings.get(first.id) === 1, 'the first call rings');

    agent.line.connection.stop();
    const redis = team.redis();
    const kindOf = (id: string) => redis.hget(`pt:{${team.team}}:call:${id}`, 'kind');
    simulator.accept(number, first.id); // someone outside the team answers, then it ends
    await poll(() => kindOf(first.id), (k) => k === 'connected', 'the first call answered');
    simulator.customerHangup(first.id);
    const second = simulator.incomingCall({ numberId: number.id, from: from(2) });
    await poll(() => kindOf(second.id), (k) => k === 'ringing', 'the second call in the team stream');
    await poll(() => kindOf(first.id), (k) => k === 'ended', 'the first call over');

    agent.line.connection.start();
    await agent.waitFor(() => agent.rings.get(second.id) === 1 && agent.typesOf(first.id).includes('ended'), 'the backlog of events');
    // A snapshot would only carry live calls: the first call's end can only come from the replayed stream.
    expect(agent.typesOf(first.id)).toEqual(['ringing', 'connected', 'ended']);
    expect(agent.typesOf(second.id)).toEqual(['ringing']);
  });

  it('across instance restarts: the agent moves from instance to instance and every call rings once', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { intervalMs: 100, activeIntervalMs: 50 });
    const a = await team.start({}, 'resume-a');
    const b = await team.start({}, 'resume-b');
    const agent = await team.agent('Ana', await team.addAgent('Ana', ['support']), [a.url, b.url]).connect();
    expect(agent.instance).toBe('resume-a');
    const { simulator } = team.sim;
    const numberId = team.simNumber('support').id;
    const calls = [simulator.incomingCall({ numberId, from: from(1) })];
    await agent.waitFor(() => agent.rings.get(calls[0]!.id) === 1, 'first ring');

    await a.close(); // the agent is told the instance restarts, and moves on
    calls.push(simulator.incomingCall({ numberId, from: from(2) }));
    await agent.waitFor(() => agent.instance === 'resume-b' && agent.rings.get(calls[1]!.id) === 1, 'on b, second ring');

    const a2 = await team.start({}, 'resume-a2', a.port); // a comes back at its address
    calls.push(simulator.incomingCall({ numberId, from: from(3) }));
    const closing = b.close();
    calls.push(simulator.incomingCall({ numberId, from: from(4) }));
    await closing;
    await agent.waitFor(() => agent.instance === 'resume-a2' && calls.every((c) => agent.rings.get(c.id) === 1), 'on a2, every ring');
    for (const call of calls) expect(agent.rings.get(call.id), call.id).toBe(1);
    expect(a2.agentsConnected()).toBe(1);
  });

  it('an app starting fresh gets the calls ringing now (a snapshot), then live events', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { intervalMs: 100, activeIntervalMs: 50 });
    const server = await team.start();
    const { simulator } = team.sim;
    const numberId = team.simNumber('support').id;
    const ringing = simulator.incomingCall({ numberId, from: from(1) });
    const redis = team.redis();
    await poll(() => redis.hget(`pt:{${team.team}}:call:${ringing.id}`, 'kind'), (k) => k === 'ringing', 'the call in the team');
    const agent = await team.agent('Ana', await team.addAgent('Ana', ['support']), [server.url]).connect();
    await agent.waitFor(() => agent.rings.get(ringing.id) === 1, 'the ringing call rings');
    const next = simulator.incomingCall({ numberId, from: from(2) });
    await agent.waitFor(() => agent.rings.get(next.id) === 1, 'a live ring');
    expect(agent.rings.get(ringing.id)).toBe(1);
  });
});
