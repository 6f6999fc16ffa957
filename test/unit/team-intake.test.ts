import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { TeamEvent } from '../../main/core/team/protocol';
import { webhooksOf } from '../../main/simulator/webhooks';
import { teamKeys } from '../../main/team-server/redis-keys';
import { readEntries } from '../../main/team-server/stream/stream-entry';
import { poll, TeamFixture } from '../support/team-harness';
import { sharedTeamInfra } from '../support/team-infra-hooks';

let team: TeamFixture;
const infra = sharedTeamInfra(() => team);

type CallEntry = Extract<TeamEvent, { kind: 'call' }> & { id: string };

const callEntries = async (fixture: TeamFixture): Promise<CallEntry[]> => {
  const raw = (await fixture.redis().xrange(teamKeys(fixture.team).stream, '-', '+')) as [string, string[]][];
  return readEntries(raw).flatMap((e) => (e.event.kind === 'call' ? [{ ...e.event, id: e.id }] : []));
};

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('team intake: webhooks and polling into one stream', () => {
  it('with webhooks (duplicated, reordered, delayed) and polling both on, each call event enters the stream once', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { intervalMs: 100, activeIntervalMs: 50 });
    const server = await team.start();
    const { simulator } = team.sim;
    const number = team.simNumber('support');
    webhooksOf(simulator).target({ numberId: number.id, url: team.webhookUrl('support', server), duplicates: 0.6, reorder: true, delayMs: [0, 40], seed: 7 });

    const ended = (list: CallEntry[], id: string) => list.some((e) => e.call.id === id && e.type === 'ended');
    const calls = Array.from({ length: 16 }, (_, i) => simulator.incomingCall({ numberId: number.id, from: `+55119000000${String(i).padStart(2, '0')}` }));
    await poll(() => callEntries(team), (list) => calls.every((c) => list.some((e) => e.call.id === c.id && e.type === 'ringing')), 'every call ringing in the stream');
    const answered = calls.filter((_, i) => i % 2 === 0);
    for (const call of answered) simulator.accept(number, call.id);
    await poll(() => callEntries(team), (list) => answered.every((c) => list.some((e) => e.call.id === c.id && e.type === 'connected')), 'answered calls connected');
    for (const call of calls) simulator.customerHangup(call.id);
    await webhooksOf(simulator).drain();
    const entries = await poll(() => callEntries(team), (list) => calls.every((c) => ended(list, c.id)), 'every call ended in the stream');

    expect(webhooksOf(simulator).stats.duplicated).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.source))).toEqual(new Set(['webhook', 'poll']));
    for (const [index, call] of calls.entries()) {
      const mine = entries.filter((e) => e.call.id === call.id);
      const statuses = mine.map((e) => String(e.call.status));
      // Dedupe by call id + status: no status twice, ringing at most once, ended exactly once.
      expect(new Set(statuses).size, `${call.id}: ${statuses.join(' → ')}`).toBe(statuses.length);
      expect(mine.filter((e) => e.type === 'ringing')).toHaveLength(1);
      expect(mine.filter((e) => e.type === 'ended')).toHaveLength(1);
      expect(mine.filter((e) => e.type === 'connected')).toHaveLength(index % 2 === 0 ? 1 : 0);
      // Never backwards: nothing after the end.
      expect(mine.at(-1)!.type).toBe('ended');
    }
  });

  it('confirms an event that arrives out of order with Pilot Status instead of applying it', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { enabled: false });
    const server = await team.start();
    const { simulator } = team.sim;
    const number = team.simNumber('support');
    const url = team.webhookUrl('support', server);
    const call = simulator.incomingCall({ numberId: number.id, from: '+5511911112222' });
    simulator.customerHangup(call.id);
    const ended = { event: 'call.missed', ...simulator.call(call.id)!, numberId: undefined };
    expect((await post(url, ended)).status).toBe(204);
    // The ringing webhook arrives last (and twice): Pilot Status says the call is over, so it must not ring.
    const late = { event: 'call.ringing', id: call.id, status: 'RINGING', direction: 'INBOUND', peerNumber: call.peerNumber };
    expect((await post(url, late)).status).toBe(204);
    expect((await post(url, late)).status).toBe(204);
    const entries = await callEntries(team);
    expect(entries.map((e) => [e.type, e.call.status])).toEqual([['seen', 'MISSED']]);
  });

  it('takes a call event without a status from its event name, and a secret from the header', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { enabled: false });
    const server = await team.start();
    const secret = team.numbers[0]!.webhookSecret;
    const response = await post(`${server.url}/webhooks/pilot/support`, { event: 'call.ringing', id: 'call_from_header', direction: 'INBOUND', peerNumber: '5511900001111' }, { 'x-pilot-webhook-secret': secret });
    expect(response.status).toBe(204);
    expect((await callEntries(team)).map((e) => [e.type, e.call.id, e.call.status])).toEqual([['ringing', 'call_from_header', 'RINGING']]);
  });

  it('refuses a wrong secret, an unknown number and a body it cannot read, each with a clear answer, storing nothing', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { enabled: false });
    const server = await team.start();
    const call = { event: 'call.ringing', id: 'call_x', status: 'RINGING' };
    const wrong = await post(`${server.url}/webhooks/pilot/support/${'x'.repeat(32)}`, call);
    expect(wrong.status).toBe(404);
    expect((await post(`${server.url}/webhooks/pilot/support`, call)).status).toBe(404);
    expect((await post(`${server.url}/webhooks/pilot/sales/${team.numbers[0]!.webhookSecret}`, call)).status).toBe(404);
    const bad = await fetch(team.webhookUrl('support', server), { method: 'POST', body: '{"id":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'INVALID_JSON' });
    const noStatus = await post(team.webhookUrl('support', server), { id: 'call_y' });
    expect(noStatus.status).toBe(400);
    expect(await noStatus.json()).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect((await fetch(team.webhookUrl('support', server))).status).toBe(405);
    expect(await callEntries(team)).toEqual([]);
  });

  it('logs the names of payload fields it does not know, once each, never their values', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }], { enabled: false });
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) });
    const server = await team.start({ logger: pino({ level: 'info' }, sink) });
    const url = team.webhookUrl('support', server);
    const body = { event: 'call.ringing', id: 'call_z', status: 'RINGING', wabaPhoneId: 'secret-ish-value', contactProfile: { name: 'Ana' } };
    expect((await post(url, body)).status).toBe(204);
    expect((await post(url, { ...body, status: 'ACCEPTED' })).status).toBe(204);
    const reports = lines.filter((l) => l.msg === 'webhook payload has fields the team server does not use');
    expect(reports).toHaveLength(1);
    expect(reports[0]!.fields).toEqual(['wabaPhoneId', 'contactProfile']);
    expect(JSON.stringify(lines)).not.toContain('secret-ish-value');
  });
});
