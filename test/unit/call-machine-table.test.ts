import { describe, expect, it } from 'vitest';
import {
  dialingCall,
  quietRingingCall,
  ringingCall,
  transition,
  transitionTable,
  type CallEffect,
  type CallMachineEvent,
  type CallMachineState,
} from '../../main/core/calls/call-machine';
import type { CallPhase } from '../../preload/contract';

const s = (phase: CallPhase, sdp: CallMachineState['sdp'] = 'none'): CallMachineState => ({ phase, sdp });
const types = (effects: CallEffect[]) => effects.map((e) => e.type);
const step = (state: CallMachineState, event: CallMachineEvent) => {
  const result = transition(state, event);
  if (!result.ok) throw new Error(result.reason);
  return { state: result.state, effects: types(result.effects) };
};

/**
 * Every row of the table, with the state it leads to and the effects it asks for.
 * [from phase, from sdp, event, to phase, outcome, sdp after, effects]
 */
type Row = [CallPhase, CallMachineState['sdp'], CallMachineEvent, CallPhase, string | undefined, CallMachineState['sdp'], CallEffect['type'][]];
const preAccept = { type: 'media.described', preAccept: true } as const;
const rows: Row[] = [
  // outbound
  ['dialing', 'pending', preAccept, 'dialing', undefined, 'ready', ['api.create']],
  ['dialing', 'pending', { type: 'media.failed' }, 'ended', 'failed', 'pending', ['media.stop']],
  ['dialing', 'ready', { type: 'api.created' }, 'ringing-out', undefined, 'ready', ['answer.watch']],
  ['dialing', 'ready', { type: 'api.createFailed' }, 'ended', 'failed', 'ready', ['media.stop']],
  ['dialing', 'none', { type: 'api.createFailed' }, 'ended', 'failed', 'none', []],
  ['dialing', 'pending', { type: 'agent.hangup' }, 'ended', 'missed', 'pending', ['media.stop']],
  ['ringing-out', 'ready', { type: 'remote.answer' }, 'ringing-out', undefined, 'ready', ['media.remote']],
  ['ringing-out', 'ready', { type: 'remote.connected' }, 'connected', undefined, 'ready', ['media.start']],
  ['ringing-out', 'ready', { type: 'remote.ended', outcome: 'declined' }, 'ended', 'declined', 'ready', ['media.stop']],
  ['ringing-out', 'ready', { type: 'remote.ended', outcome: 'missed' }, 'ended', 'missed', 'ready', ['media.stop']],
  ['ringing-out', 'ready', { type: 'agent.hangup' }, 'canceling', undefined, 'ready', ['media.stop', 'api.terminate']],
  ['canceling', 'ready', { type: 'api.terminated' }, 'ended', 'missed', 'ready', []],
  ['canceling', 'ready', { type: 'api.terminateFailed' }, 'ended', 'missed', 'ready', []],
  ['canceling', 'ready', { type: 'remote.ended', outcome: 'declined' }, 'ended', 'declined', 'ready', []],
  ['canceling', 'ready', { type: 'remote.ended', outcome: 'answered' }, 'ended', 'missed', 'ready', []],
  ['canceling', 'ready', { type: 'remote.connected' }, 'canceling', undefined, 'ready', []],
  ['canceling', 'ready', { type: 'remote.answer' }, 'canceling', undefined, 'ready', []],
  // inbound, META pre-accept
  ['ringing', 'pending', preAccept, 'ringing', undefined, 'ready', ['api.preAccept']],
  ['ringing', 'pending', { type: 'media.described', preAccept: false }, 'ringing', undefined, 'ready', []],
  ['ringing', 'pending', { type: 'media.failed' }, 'ringing', undefined, 'failed', []],
  ['ringing', 'ready', { type: 'agent.answer' }, 'answering', undefined, 'ready', ['ring.stop', 'api.accept']],
  ['ringing', 'none', { type: 'agent.answer' }, 'answering', undefined, 'none', ['ring.stop', 'api.accept']],
  ['ringing', 'pending', { type: 'agent.answer' }, 'answering', undefined, 'pending', ['ring.stop']],
  ['ringing', 'failed', { type: 'agent.answer' }, 'answering', undefined, 'pending', ['ring.stop', 'media.prepare']],
  // inbound META, ringing quietly (the agent is away): the SDP is made only if they answer after all, and nothing stops at the end
  ['ringing', 'deferred', { type: 'agent.answer' }, 'answering', undefined, 'pending', ['ring.stop', 'media.prepare']],
  ['ringing', 'deferred', { type: 'remote.ended', outcome: 'missed' }, 'ended', 'missed', 'deferred', ['ring.stop']],
  ['ringing', 'deferred', { type: 'remote.connected' }, 'ended', 'answered-elsewhere', 'deferred', ['ring.stop']],
  ['ringing', 'deferred', { type: 'agent.decline' }, 'declining', undefined, 'deferred', ['ring.stop', 'api.reject']],
  ['declining', 'deferred', { type: 'api.rejected' }, 'ended', 'declined', 'deferred', []],
  ['ringing', 'ready', { type: 'agent.decline' }, 'declining', undefined, 'ready', ['ring.stop', 'api.reject']],
  ['ringing', 'ready', { type: 'remote.connected' }, 'ended', 'answered-elsewhere', 'ready', ['ring.stop', 'media.stop']],
  ['ringing', 'none', { type: 'remote.connected' }, 'ended', 'answered-elsewhere', 'none', ['ring.stop']],
  ['ringing', 'none', { type: 'remote.ended', outcome: 'missed' }, 'ended', 'missed', 'none', ['ring.stop']],
  ['ringing', 'none', { type: 'remote.ended', outcome: 'answered' }, 'ended', 'answered-elsewhere', 'none', ['ring.stop']],
  ['answering', 'pending', preAccept, 'answering', undefined, 'ready', ['api.accept']],
  ['answering', 'pending', { type: 'media.failed' }, 'ended', 'failed', 'pending', ['media.stop']],
  ['answering', 'ready', { type: 'api.accepted' }, 'connected', undefined, 'ready', ['media.start']],
  ['answering', 'ready', { type: 'remote.connected' }, 'connected', undefined, 'ready', ['media.start']],
  ['answering', 'none', { type: 'remote.connected' }, 'connected', undefined, 'none', ['media.start']],
  ['answering', 'pending', { type: 'remote.connected' }, 'ended', 'answered-elsewhere', 'pending', ['media.stop']],
  ['answering', 'ready', { type: 'api.acceptFailed', elsewhere: true }, 'ended', 'answered-elsewhere', 'ready', ['media.stop']],
  ['answering', 'none', { type: 'api.acceptFailed', elsewhere: false }, 'ended', 'failed', 'none', []],
  ['answering', 'none', { type: 'remote.ended', outcome: 'declined' }, 'ended', 'missed', 'none', []],
  ['answering', 'none', { type: 'remote.ended', outcome: 'answered' }, 'ended', 'answered', 'none', []],
  ['declining', 'ready', { type: 'api.rejected' }, 'ended', 'declined', 'ready', ['media.stop']],
  ['declining', 'none', { type: 'api.rejectFailed' }, 'ended', 'declined', 'none', []],
  ['declining', 'none', { type: 'remote.ended', outcome: 'missed' }, 'ended', 'declined', 'none', []],
  ['declining', 'none', { type: 'remote.connected' }, 'ended', 'answered-elsewhere', 'none', []],
  ['declining', 'pending', preAccept, 'declining', undefined, 'pending', []],
  ['declining', 'pending', { type: 'media.failed' }, 'declining', undefined, 'pending', []],
  // in call
  ['connected', 'ready', { type: 'agent.hangup' }, 'hanging-up', undefined, 'ready', ['media.stop', 'api.terminate']],
  ['connected', 'ready', { type: 'remote.ended', outcome: 'answered' }, 'ended', 'answered', 'ready', ['media.stop']],
  ['connected', 'ready', { type: 'remote.ended', outcome: 'failed' }, 'ended', 'failed', 'ready', ['media.stop']],
  ['connected', 'none', { type: 'remote.ended', outcome: 'missed' }, 'ended', 'answered', 'none', ['media.stop']],
  ['connected', 'ready', { type: 'remote.answer' }, 'connected', undefined, 'ready', ['media.remote']],
  ['connected', 'ready', { type: 'api.accepted' }, 'connected', undefined, 'ready', []],
  ['connected', 'ready', { type: 'remote.connected' }, 'connected', undefined, 'ready', []],
  ['connected', 'ready', { type: 'media.failed' }, 'connected', undefined, 'ready', []],
  ['connected', 'ready', { type: 'api.acceptFailed', elsewhere: false }, 'connected', undefined, 'ready', []],
  ['hanging-up', 'ready', { type: 'api.terminated' }, 'ended', 'answered', 'ready', []],
  ['hanging-up', 'ready', { type: 'api.terminateFailed' }, 'ended', 'answered', 'ready', []],
  ['hanging-up', 'ready', { type: 'remote.ended', outcome: 'missed' }, 'ended', 'answered', 'ready', []],
  ['hanging-up', 'ready', { type: 'remote.connected' }, 'hanging-up', undefined, 'ready', []],
  ['hanging-up', 'ready', { type: 'remote.answer' }, 'hanging-up', undefined, 'ready', []],
  // after the end
  ['ended', 'ready', { type: 'api.created' }, 'ended', undefined, 'ready', ['api.terminate']],
  ...(
    [
      { type: 'api.accepted' },
      { type: 'api.acceptFailed', elsewhere: false },
      { type: 'api.rejected' },
      { type: 'api.terminated' },
      { type: 'api.terminateFailed' },
      { type: 'api.createFailed' },
      { type: 'remote.ended', outcome: 'missed' },
      { type: 'remote.connected' },
      { type: 'remote.answer' },
      preAccept,
      { type: 'media.failed' },
    ] as CallMachineEvent[]
  ).map((event): Row => ['ended', 'ready', event, 'ended', undefined, 'ready', []]),
];

describe('call machine table', () => {
  it.each(rows)('%s (sdp %s) + %o → %s %s', (phase, sdp, event, to, outcome, sdpAfter, effects) => {
    const next = step(s(phase, sdp), event);
    expect(next.state.phase).toBe(to);
    expect(next.state.outcome).toBe(outcome);
    expect(next.state.sdp).toBe(sdpAfter);
    expect(next.effects).toEqual(effects);
  });

  it('has a row in this test for every transition the table allows', () => {
    const tested = new Set(rows.map(([phase, , event]) => `${phase}|${event.type}`));
    const allowed = transitionTable().flatMap(({ phase, events }) => events.map((e) => `${phase}|${e}`));
    expect(allowed.filter((t) => !tested.has(t))).toEqual([]);
  });

  it('reports illegal events instead of ignoring them', () => {
    const illegal = [
      [s('dialing', 'pending'), { type: 'agent.answer' }],
      [s('ringing-out', 'ready'), { type: 'agent.decline' }],
      [s('connected', 'ready'), { type: 'agent.answer' }],
      [s('ended', 'ready'), { type: 'agent.hangup' }],
      [s('ringing', 'pending'), { type: 'api.created' }],
    ] as const;
    for (const [state, event] of illegal) {
      const result = transition(state, event);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain(state.phase);
    }
  });

  it('keeps the first outcome once ended', () => {
    const ended = step(s('ringing', 'none'), { type: 'remote.ended', outcome: 'missed' }).state;
    expect(step(ended, { type: 'remote.ended', outcome: 'answered' }).state.outcome).toBe('missed');
  });

  it('starts META calls by preparing media, web calls without it', () => {
    expect(ringingCall(true)).toEqual({ state: { phase: 'ringing', sdp: 'pending' }, effects: [{ type: 'ring.start' }, { type: 'media.prepare' }] });
    expect(ringingCall(false)).toEqual({ state: { phase: 'ringing', sdp: 'none' }, effects: [{ type: 'ring.start' }] });
    expect(dialingCall(true)).toEqual({ state: { phase: 'dialing', sdp: 'pending' }, effects: [{ type: 'media.prepare' }] });
    expect(dialingCall(false)).toEqual({ state: { phase: 'dialing', sdp: 'none' }, effects: [{ type: 'api.create' }] });
  });

  it('starts a call that rings quietly with no ringer, no notification and, on META, no SDP yet', () => {
    expect(quietRingingCall(true)).toEqual({ state: { phase: 'ringing', sdp: 'deferred' }, effects: [] });
    expect(quietRingingCall(false)).toEqual({ state: { phase: 'ringing', sdp: 'none' }, effects: [] });
  });

  it('walks an inbound META call: pre-accept while ringing, accept on answer, stop on hang-up', () => {
    let state = ringingCall(true).state;
    const effects: string[] = [];
    for (const event of [preAccept, { type: 'agent.answer' }, { type: 'api.accepted' }, { type: 'agent.hangup' }, { type: 'api.terminated' }] as CallMachineEvent[]) {
      const next = step(state, event);
      state = next.state;
      effects.push(...next.effects);
    }
    expect(effects).toEqual(['api.preAccept', 'ring.stop', 'api.accept', 'media.start', 'media.stop', 'api.terminate']);
    expect(state).toEqual({ phase: 'ended', outcome: 'answered', sdp: 'ready' });
  });
});
