import { describe, expect, it } from 'vitest';
import { ringingCall, transition, type CallMachineEvent, type CallMachineState } from '../../main/core/calls/call-machine';

const run = (events: CallMachineEvent[], start: CallMachineState = ringingCall().state) => {
  let state = start;
  const effects: string[] = [];
  for (const event of events) {
    const next = transition(state, event);
    if (!next.ok) throw new Error(next.reason);
    state = next.state;
    effects.push(...next.effects.map((e) => e.type));
  }
  return { state, effects };
};

describe('call state machine', () => {
  it('rings first, and ringing asks for the ring to start', () => {
    expect(ringingCall()).toEqual({ state: { phase: 'ringing', sdp: 'none' }, effects: [{ type: 'ring.start' }] });
  });

  it('answer → accepted → customer hangs up ends as answered, with the effects in order', () => {
    const { state, effects } = run([{ type: 'agent.answer' }, { type: 'api.accepted' }, { type: 'remote.ended', outcome: 'answered' }]);
    expect(state).toEqual({ phase: 'ended', outcome: 'answered', sdp: 'none' });
    expect(effects).toEqual(['ring.stop', 'api.accept', 'media.start', 'media.stop']);
  });

  it('agent hang-up terminates and ends as answered whether terminate succeeds or fails', () => {
    for (const reply of ['api.terminated', 'api.terminateFailed'] as const) {
      const { state, effects } = run([{ type: 'agent.answer' }, { type: 'api.accepted' }, { type: 'agent.hangup' }, { type: reply }]);
      expect(state).toEqual({ phase: 'ended', outcome: 'answered', sdp: 'none' });
      expect(effects.slice(-2)).toEqual(['media.stop', 'api.terminate']);
    }
  });

  it('decline rejects and ends as declined', () => {
    const { state, effects } = run([{ type: 'agent.decline' }, { type: 'api.rejected' }]);
    expect(state).toEqual({ phase: 'ended', outcome: 'declined', sdp: 'none' });
    expect(effects).toEqual(['ring.stop', 'api.reject']);
  });

  it('a call accepted by another agent while ringing ends as answered elsewhere and stops ringing', () => {
    const { state, effects } = run([{ type: 'remote.connected' }]);
    expect(state).toEqual({ phase: 'ended', outcome: 'answered-elsewhere', sdp: 'none' });
    expect(effects).toEqual(['ring.stop']);
  });

  it('a ringing call that ends remotely keeps the reported outcome (missed)', () => {
    expect(run([{ type: 'remote.ended', outcome: 'missed' }]).state).toEqual({ phase: 'ended', outcome: 'missed', sdp: 'none' });
  });

  it('an accept refused because someone else took the call ends as answered elsewhere; other failures as failed', () => {
    expect(run([{ type: 'agent.answer' }, { type: 'api.acceptFailed', elsewhere: true }]).state.outcome).toBe('answered-elsewhere');
    expect(run([{ type: 'agent.answer' }, { type: 'api.acceptFailed', elsewhere: false }]).state.outcome).toBe('failed');
  });

  it('the poll seeing the call connected before accept returns still connects once', () => {
    const { state, effects } = run([{ type: 'agent.answer' }, { type: 'remote.connected' }, { type: 'api.accepted' }]);
    expect(state).toEqual({ phase: 'connected', sdp: 'none' });
    expect(effects.filter((e) => e === 'media.start')).toHaveLength(1);
  });

  it('an ended call keeps its first outcome whatever arrives late', () => {
    const ended = run([{ type: 'agent.decline' }, { type: 'api.rejected' }]).state;
    const late = transition(ended, { type: 'remote.ended', outcome: 'missed' });
    expect(late).toEqual({ ok: true, state: { phase: 'ended', outcome: 'declined', sdp: 'none' }, effects: [] });
  });

  it('reports illegal events instead of ignoring them', () => {
    expect(transition({ phase: 'ringing', sdp: 'none' }, { type: 'agent.hangup' })).toEqual({ ok: false, reason: 'agent.hangup is not allowed while ringing' });
    expect(transition({ phase: 'ended', outcome: 'missed', sdp: 'none' }, { type: 'agent.answer' }).ok).toBe(false);
    expect(transition({ phase: 'connected', sdp: 'none' }, { type: 'agent.answer' }).ok).toBe(false);
  });
});
