import { describe, expect, it } from 'vitest';
import { PilotApiError } from '../../main/core/pilot/pilot-error';
import { poll, TeamFixture } from '../support/team-harness';
import { sharedTeamInfra } from '../support/team-infra-hooks';

let team: TeamFixture;
const infra = sharedTeamInfra(() => team);

describe('team server: ringing and the first accept', () => {
  it('rings every available agent of the number once; the first accept wins and the others read who answered', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }]);
    const servers = [await team.start(), await team.start()];
    const names = ['Ana', 'Bruno', 'Carla', 'Davi'];
    const agents = await Promise.all(
      names.map(async (name, i) => team.agent(name, await team.addAgent(name, ['support']), [servers[i % 2]!.url]).connect()),
    );
    const call = team.sim.simulator.incomingCall({ numberId: team.simNumber('support').id, from: '+5511987654321' });
    await Promise.all(agents.map((a) => a.waitFor(() => a.rings.get(call.id) === 1, 'the call rings')));

    // Everyone presses Answer at once: one reaches Pilot Status.
    const results = await Promise.allSettled(agents.map((a) => a.line.client('support').accept(call.id)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = agents[results.findIndex((r) => r.status === 'fulfilled')]!;
    for (const result of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(result.reason).toBeInstanceOf(PilotApiError);
      expect(result.reason).toMatchObject({ status: 409, code: 'CALL_ANSWERED_ELSEWHERE', extra: { answeredBy: winner.name } });
    }
    expect(team.sim.simulator.call(call.id)!.status).toBe('ACCEPTED');
    for (const agent of agents) {
      await agent.waitFor(() => agent.events.some((e) => e.event.call.id === call.id && e.event.type === 'connected' && e.answeredBy?.name === winner.name), 'answered by');
      expect(agent.rings.get(call.id)).toBe(1);
    }
    const pool = team.pool();
    const row = await poll(
      async () => (await pool.query('SELECT agent_name, outcome, remote_status FROM calls WHERE id = $1', [call.id])).rows[0],
      (r) => r?.agent_name === winner.name,
      'the call in the team history with who answered',
    );
    expect(row).toMatchObject({ agent_name: winner.name, remote_status: 'ACCEPTED' });
  });

  it('a decline by one agent is the team\'s: the others read who declined, and a declined call cannot be answered', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }]);
    const server = await team.start();
    const ana = await team.agent('Ana', await team.addAgent('Ana', ['support']), [server.url]).connect();
    const bruno = await team.agent('Bruno', await team.addAgent('Bruno', ['support']), [server.url]).connect();
    const call = team.sim.simulator.incomingCall({ numberId: team.simNumber('support').id, from: '+5511987654322' });
    await Promise.all([ana, bruno].map((a) => a.waitFor(() => a.rings.get(call.id) === 1, 'rings')));
    await ana.line.client('support').reject(call.id);
    await expect(bruno.line.client('support').accept(call.id)).rejects.toMatchObject({ status: 409, code: 'CALL_DECLINED_ELSEWHERE', extra: { declinedBy: 'Ana' } });
    await bruno.waitFor(() => bruno.typesOf(call.id).includes('ended'), 'the call ends for Bruno too');
    expect(team.sim.simulator.call(call.id)!.status).toBe('REJECTED');
  });
});
