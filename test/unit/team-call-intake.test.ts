import { describe, expect, it } from 'vitest';
import type { CallTeamEvent } from '../../main/core/team/protocol';
import { TeamCallIntake } from '../../main/core/team/team-call-intake';
import { teamFailure } from '../../main/core/team/team-connection';

const entry = (id: string, status: string, type: CallTeamEvent['type'], extra: Partial<CallTeamEvent> = {}, call: Record<string, unknown> = {}): CallTeamEvent => ({
  kind: 'call',
  type,
  number: 'support',
  at: 1,
  source: 'poll',
  call: { id, status, direction: 'INBOUND', peerNumber: '5511999990000', ...call },
  ...extra,
});

describe('team line: stream entries into the poller\'s intake events', () => {
  it('rings once, only when the server says this agent may be rung, then follows the call', () => {
    const intake = new TeamCallIntake();
    expect(intake.apply(entry('c1', 'RINGING', 'ringing'), true)?.event.type).toBe('ringing');
    expect(intake.apply(entry('c1', 'RINGING', 'ringing'), true)).toBeNull();
    const answered = intake.apply(entry('c1', 'ACCEPTED', 'connected', { answeredBy: { agentId: 'a1', name: 'Ana' } }), false);
    expect(answered).toMatchObject({ event: { type: 'connected' }, answeredBy: { name: 'Ana' } });
    expect(intake.apply(entry('c1', 'COMPLETED', 'ended'), false)).toMatchObject({ event: { type: 'ended' }, answeredBy: { name: 'Ana' } });
    expect(intake.answeredByOf('c1')).toEqual({ agentId: 'a1', name: 'Ana' });
  });

  it('an agent not available sees the call without a ring; older news and repeats change nothing; outbound never rings', () => {
    const intake = new TeamCallIntake();
    expect(intake.apply(entry('c2', 'RINGING', 'ringing'), false)?.event.type).toBe('seen');
    expect(intake.apply(entry('c2', 'RINGING', 'ringing'), true)).toBeNull();
    expect(intake.apply(entry('c2', 'COMPLETED', 'ended'), false)?.event.type).toBe('ended');
    expect(intake.apply(entry('c2', 'ACCEPTED', 'connected'), false)).toBeNull();
    expect(intake.apply(entry('c3', 'RINGING', 'ringing', {}, { direction: 'OUTBOUND' }), true)?.event.type).toBe('seen');
    // Who answered arriving after the status it belongs to is still news.
    expect(intake.apply(entry('c4', 'ACCEPTED', 'seen'), false)?.event.type).toBe('seen');
    expect(intake.apply(entry('c4', 'ACCEPTED', 'updated', { answeredBy: { agentId: 'a2', name: 'Bruno' } }), false)).toMatchObject({ event: { type: 'updated' }, answeredBy: { name: 'Bruno' } });
    expect(intake.apply({ ...entry('c5', 'RINGING', 'ringing'), call: { id: '', status: '' } }, true)).toBeNull();
  });

  it('reads a team server refusal as the call code reads a Pilot Status one', () => {
    const error = teamFailure({ code: 'CALL_ANSWERED_ELSEWHERE', message: 'The call was answered by Ana', status: 409, details: { answeredBy: 'Ana', retryAfterMs: 5, flag: true } });
    expect(error).toMatchObject({ kind: 'http', code: 'CALL_ANSWERED_ELSEWHERE', status: 409, retryAfterMs: 5, extra: { answeredBy: 'Ana', retryAfterMs: 5 } });
    expect(error.toAppError()).toMatchObject({ code: 'CALL_ANSWERED_ELSEWHERE', details: { answeredBy: 'Ana', status: 409 } });
  });
});
