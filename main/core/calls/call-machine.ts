import type { CallOutcome, CallPhase } from '../../../preload/contract';

/**
 * The life of one call as this agent sees it. A table, not scattered ifs:
 * `transition(state, event)` returns the next state and the effects the call
 * service must carry out, or reports the event as illegal.
 *
 * Inbound (user-initiated). On a META number the offer is fetched and the
 * renderer makes the answer while the call rings (`media.prepare` →
 * `media.described`); the answer is pre-accepted at once, and accept later
 * sends the identical SDP. If the agent answers before the SDP exists, the
 * accept waits for it in `answering`.
 *
 * ```
 *                 agent.answer             api.accepted | remote.connected
 *   ringing ─────────────────► answering ─────────────────────► connected
 *    │  │  │ media.described     │  │ api.acceptFailed | media.failed  │   │
 *    │  │  │  (→ api.preAccept)  │  └──────► ended(failed|elsewhere) │   │ agent.hangup
 *    │  │  │ remote.connected    │ media.described (→ api.accept)    │   ▼
 *    │  │  └──► ended(answered-elsewhere)                            │ hanging-up
 *    │  │ agent.decline                                              │   │ api.terminated | remote.ended
 *    │  └─────────► declining ──api.rejected | remote.ended──► ended │   ▼
 *    │ remote.ended                                                  ▼ ended(answered)
 *    └──────────────────────────► ended(missed | as reported)      ended(answered)
 * ```
 *
 * Outbound (business-initiated). On META the renderer makes the offer first;
 * the answer SDP may appear on the call before or after it connects.
 *
 * ```
 *            media.described            api.created              remote.connected
 *  dialing ───(→ api.create)──► dialing ───────────► ringing-out ─────────────────► connected
 *   │ api.createFailed | media.failed                  │  │ remote.answer (→ media.remote)
 *   │ agent.hangup ──► ended(missed; a late            │  │ remote.ended ──► ended(declined | missed | ...)
 *   ▼                 api.created is terminated)       │ agent.hangup
 *  ended(failed)                                       ▼
 *                                   canceling ──api.terminated | remote.ended──► ended(missed)
 * ```
 */

/**
 * Our side's SDP: not needed (web numbers), being made, ready, impossible to
 * make, or not made yet because the call rings quietly (the agent is away):
 * no microphone opens and nothing is pre-accepted for a call the agent may
 * never take; it is made if they answer after all.
 */
export type SdpState = 'none' | 'pending' | 'ready' | 'failed' | 'deferred';

export interface CallMachineState {
  phase: CallPhase;
  outcome?: CallOutcome;
  sdp: SdpState;
}

export type CallMachineEvent =
  | { type: 'agent.answer' }
  | { type: 'agent.decline' }
  | { type: 'agent.hangup' }
  | { type: 'media.described'; preAccept: boolean }
  | { type: 'media.failed' }
  | { type: 'api.created' }
  | { type: 'api.createFailed' }
  | { type: 'api.accepted' }
  | { type: 'api.acceptFailed'; elsewhere: boolean }
  | { type: 'api.rejected' }
  | { type: 'api.rejectFailed' }
  | { type: 'api.terminated' }
  | { type: 'api.terminateFailed' }
  | { type: 'remote.answer' }
  | { type: 'remote.connected' }
  | { type: 'remote.ended'; outcome: CallOutcome };

export type CallEffect =
  | { type: 'ring.start' }
  | { type: 'ring.stop' }
  | { type: 'media.prepare' }
  | { type: 'media.remote' }
  | { type: 'media.start' }
  | { type: 'media.stop' }
  | { type: 'api.create' }
  | { type: 'api.preAccept' }
  | { type: 'api.accept' }
  | { type: 'api.reject' }
  | { type: 'api.terminate' }
  | { type: 'answer.watch' };

export type Transition =
  | { ok: true; state: CallMachineState; effects: CallEffect[] }
  | { ok: false; reason: string };

type Step = { state: Partial<CallMachineState> & { phase: CallPhase }; effects: CallEffect[] };
type Handler<E extends CallMachineEvent['type']> = (event: Extract<CallMachineEvent, { type: E }>, state: CallMachineState) => Step;
type PhaseTable = { [E in CallMachineEvent['type']]?: Handler<E> };

const effect = (type: CallEffect['type']): CallEffect => ({ type }) as CallEffect;
const go = (phase: CallPhase, effects: CallEffect['type'][] = [], sdp?: SdpState): Step => ({ state: sdp ? { phase, sdp } : { phase }, effects: effects.map(effect) });
const stay = (phase: CallPhase) => (): Step => go(phase);

/** SDP states in which no media was ever started, so ending the call has nothing to stop. */
const noMedia: readonly SdpState[] = ['none', 'deferred'];

/** Phases entered by stopping media already. */
const mediaStopped: readonly CallPhase[] = ['hanging-up', 'canceling'];

/** Ends the call; a call whose media negotiated SDP always stops it, once. */
const ended =
  (outcome: CallOutcome | ((e: CallMachineEvent) => CallOutcome), ...effects: CallEffect['type'][]) =>
  (event: CallMachineEvent, state: CallMachineState): Step => {
    const stop = !noMedia.includes(state.sdp) && !effects.includes('media.stop') && !mediaStopped.includes(state.phase);
    const all = stop ? [...effects, 'media.stop' as const] : effects;
    return { state: { phase: 'ended', outcome: typeof outcome === 'function' ? outcome(event) : outcome }, effects: all.map(effect) };
  };

const reported = (e: CallMachineEvent): CallOutcome => (e as { outcome: CallOutcome }).outcome;

const table: Record<CallPhase, PhaseTable> = {
  dialing: {
    'media.described': () => go('dialing', ['api.create'], 'ready'),
    'media.failed': ended('failed'),
    'api.created': () => go('ringing-out', ['answer.watch']),
    'api.createFailed': ended('failed'),
    'agent.hangup': ended('missed'),
  },
  'ringing-out': {
    'remote.answer': () => go('ringing-out', ['media.remote']),
    'remote.connected': () => go('connected', ['media.start']),
    'remote.ended': ended(reported),
    'agent.hangup': () => go('canceling', ['media.stop', 'api.terminate']),
  },
  canceling: {
    'api.terminated': ended('missed'),
    'api.terminateFailed': ended('missed'),
    'remote.ended': ended((e) => (reported(e) === 'declined' ? 'declined' : 'missed')),
    'remote.connected': stay('canceling'),
    'remote.answer': stay('canceling'),
  },
  ringing: {
    'agent.answer': (_e, state) =>
      state.sdp === 'pending'
        ? go('answering', ['ring.stop'])
        : state.sdp === 'failed' || state.sdp === 'deferred'
          ? go('answering', ['ring.stop', 'media.prepare'], 'pending')
          : go('answering', ['ring.stop', 'api.accept']),
    'agent.decline': () => go('declining', ['ring.stop', 'api.reject']),
    'media.described': (e) => go('ringing', e.preAccept ? ['api.preAccept'] : [], 'ready'),
    'media.failed': () => go('ringing', [], 'failed'),
    'remote.connected': ended('answered-elsewhere', 'ring.stop'),
    'remote.ended': ended((e) => (reported(e) === 'answered' ? 'answered-elsewhere' : reported(e)), 'ring.stop'),
  },
  answering: {
    'media.described': () => go('answering', ['api.accept'], 'ready'),
    'media.failed': ended('failed'),
    'api.accepted': () => go('connected', ['media.start']),
    // Pilot shows the call connected: ours if our accept is on its way (or needs no SDP), else another agent's.
    'remote.connected': (e, state) => (state.sdp === 'pending' ? ended('answered-elsewhere')(e, state) : go('connected', ['media.start'])),
    'api.acceptFailed': ended((e) => ((e as { elsewhere: boolean }).elsewhere ? 'answered-elsewhere' : 'failed')),
    'remote.ended': ended((e) => (reported(e) === 'answered' ? 'answered' : reported(e) === 'declined' ? 'missed' : reported(e))),
  },
  declining: {
    'api.rejected': ended('declined'),
    // The reject may fail because the caller already gave up; the call is over either way.
    'api.rejectFailed': ended('declined'),
    'remote.ended': ended('declined'),
    'remote.connected': ended('answered-elsewhere'),
    'media.described': stay('declining'),
    'media.failed': stay('declining'),
  },
  connected: {
    'agent.hangup': () => go('hanging-up', ['media.stop', 'api.terminate']),
    // Answered, unless Pilot reports the call failed (e.g. WhatsApp cut it because media never started).
    'remote.ended': ended((e) => (reported(e) === 'failed' ? 'failed' : 'answered'), 'media.stop'),
    'remote.answer': () => go('connected', ['media.remote']),
    // A late accept answer, a repeated poll, or a renderer that lost its media: the call goes on.
    'api.accepted': stay('connected'),
    'remote.connected': stay('connected'),
    'media.failed': stay('connected'),
    // Pilot saw the call connected before our accept returned an error: the line is ours.
    'api.acceptFailed': stay('connected'),
  },
  'hanging-up': {
    'api.terminated': ended('answered'),
    // Terminate failing (call already gone, network down) still ends the call for the agent.
    'api.terminateFailed': ended('answered'),
    'remote.ended': ended('answered'),
    'remote.connected': stay('hanging-up'),
    'remote.answer': stay('hanging-up'),
  },
  ended: {
    // Late answers to requests made before the end change nothing...
    'api.accepted': stay('ended'),
    'api.acceptFailed': stay('ended'),
    'api.rejected': stay('ended'),
    'api.terminated': stay('ended'),
    'api.terminateFailed': stay('ended'),
    'api.createFailed': stay('ended'),
    'remote.ended': stay('ended'),
    'remote.connected': stay('ended'),
    'remote.answer': stay('ended'),
    'media.described': stay('ended'),
    'media.failed': stay('ended'),
    // ...except a call Pilot created after the agent gave up on it: it is hung up at once.
    'api.created': () => go('ended', ['api.terminate']),
  },
};

/**
 * The initial state of an inbound call: it rings; when our side negotiates SDP (the call's media driver
 * says so: WebRTC) its answer is made at once.
 */
export const ringingCall = (negotiatesSdp = false): { state: CallMachineState; effects: CallEffect[] } =>
  negotiatesSdp
    ? { state: { phase: 'ringing', sdp: 'pending' }, effects: [effect('ring.start'), effect('media.prepare')] }
    : { state: { phase: 'ringing', sdp: 'none' }, effects: [effect('ring.start')] };

/**
 * The initial state of an inbound call that rings on the line but not for this agent (away, do not disturb,
 * wrapping up): no ringer, no notification, and no SDP until the agent answers it after all.
 */
export const quietRingingCall = (negotiatesSdp = false): { state: CallMachineState; effects: CallEffect[] } => ({
  state: { phase: 'ringing', sdp: negotiatesSdp ? 'deferred' : 'none' },
  effects: [],
});

/** The initial state of an outbound call: with SDP the offer is made first, else Pilot is asked at once. */
export const dialingCall = (negotiatesSdp: boolean): { state: CallMachineState; effects: CallEffect[] } =>
  negotiatesSdp
    ? { state: { phase: 'dialing', sdp: 'pending' }, effects: [effect('media.prepare')] }
    : { state: { phase: 'dialing', sdp: 'none' }, effects: [effect('api.create')] };

export const transition = (state: CallMachineState, event: CallMachineEvent): Transition => {
  const handler = table[state.phase][event.type] as Handler<typeof event.type> | undefined;
  if (!handler) return { ok: false, reason: `${event.type} is not allowed while ${state.phase}` };
  const next = handler(event as never, state);
  // Ended keeps the outcome it first got.
  const outcome = state.phase === 'ended' ? state.outcome : next.state.outcome;
  const merged: CallMachineState = { phase: next.state.phase, sdp: next.state.sdp ?? state.sdp };
  if (outcome) merged.outcome = outcome;
  return { ok: true, state: merged, effects: next.effects };
};

/** Every phase and the events it accepts: for tests that walk the whole table. */
export const transitionTable = (): { phase: CallPhase; events: CallMachineEvent['type'][] }[] =>
  (Object.keys(table) as CallPhase[]).map((phase) => ({ phase, events: Object.keys(table[phase]) as CallMachineEvent['type'][] }));
