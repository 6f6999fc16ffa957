import type { CallOutcome, CallPhase } from '../../../preload/contract';

/**
 * The life of one call as this agent sees it. A table, not scattered ifs:
 * `transition(state, event)` returns the next state and the effects the call
 * service must carry out, or reports the event as illegal.
 *
 * ```
 *                 agent.answer             api.accepted | remote.connected
 *   ringing ─────────────────► answering ─────────────────────► connected
 *    │  │  │                     │  │ api.acceptFailed               │   │
 *    │  │  │ remote.connected    │  └──────► ended(failed|elsewhere) │   │ agent.hangup
 *    │  │  └──► ended(answered-elsewhere)                            │   ▼
 *    │  │ agent.decline                                              │ hanging-up
 *    │  └─────────► declining ──api.rejected | remote.ended──► ended │   │ api.terminated | remote.ended
 *    │ remote.ended                                                  ▼   ▼
 *    └──────────────────────────► ended(missed | as reported)      ended(answered)
 * ```
 */

export interface CallMachineState {
  phase: CallPhase;
  outcome?: CallOutcome;
}

export type CallMachineEvent =
  | { type: 'agent.answer' }
  | { type: 'agent.decline' }
  | { type: 'agent.hangup' }
  | { type: 'api.accepted' }
  | { type: 'api.acceptFailed'; elsewhere: boolean }
  | { type: 'api.rejected' }
  | { type: 'api.rejectFailed' }
  | { type: 'api.terminated' }
  | { type: 'api.terminateFailed' }
  | { type: 'remote.connected' }
  | { type: 'remote.ended'; outcome: CallOutcome };

export type CallEffect =
  | { type: 'ring.start' }
  | { type: 'ring.stop' }
  | { type: 'api.accept' }
  | { type: 'api.reject' }
  | { type: 'api.terminate' }
  | { type: 'media.start' }
  | { type: 'media.stop' };

export type Transition =
  | { ok: true; state: CallMachineState; effects: CallEffect[] }
  | { ok: false; reason: string };

type Handler<E extends CallMachineEvent['type']> = (
  event: Extract<CallMachineEvent, { type: E }>,
) => { state: CallMachineState; effects: CallEffect[] };

type PhaseTable = { [E in CallMachineEvent['type']]?: Handler<E> };

const ended = (outcome: CallOutcome, ...effects: CallEffect[]) => ({ state: { phase: 'ended' as const, outcome }, effects });

const table: Record<CallPhase, PhaseTable> = {
  ringing: {
    'agent.answer': () => ({ state: { phase: 'answering' }, effects: [{ type: 'ring.stop' }, { type: 'api.accept' }] }),
    'agent.decline': () => ({ state: { phase: 'declining' }, effects: [{ type: 'ring.stop' }, { type: 'api.reject' }] }),
    'remote.connected': () => ended('answered-elsewhere', { type: 'ring.stop' }),
    'remote.ended': (e) => ended(e.outcome === 'answered' ? 'answered-elsewhere' : e.outcome, { type: 'ring.stop' }),
  },
  answering: {
    'api.accepted': () => ({ state: { phase: 'connected' }, effects: [{ type: 'media.start' }] }),
    'remote.connected': () => ({ state: { phase: 'connected' }, effects: [{ type: 'media.start' }] }),
    'api.acceptFailed': (e) => ended(e.elsewhere ? 'answered-elsewhere' : 'failed'),
    'remote.ended': (e) => ended(e.outcome === 'answered' ? 'answered' : e.outcome === 'declined' ? 'missed' : e.outcome),
  },
  declining: {
    'api.rejected': () => ended('declined'),
    // The reject may fail because the caller already gave up; the call is over either way.
    'api.rejectFailed': () => ended('declined'),
    'remote.ended': () => ended('declined'),
    'remote.connected': () => ended('answered-elsewhere'),
  },
  connected: {
    'agent.hangup': () => ({ state: { phase: 'hanging-up' }, effects: [{ type: 'media.stop' }, { type: 'api.terminate' }] }),
    'remote.ended': () => ended('answered', { type: 'media.stop' }),
    // A late accept answer or a repeated poll: nothing changes.
    'api.accepted': () => ({ state: { phase: 'connected' }, effects: [] }),
    'remote.connected': () => ({ state: { phase: 'connected' }, effects: [] }),
    // Pilot saw the call connected before our accept returned an error: the line is ours.
    'api.acceptFailed': () => ({ state: { phase: 'connected' }, effects: [] }),
  },
  'hanging-up': {
    'api.terminated': () => ended('answered'),
    // Terminate failing (call already gone, network down) still ends the call for the agent.
    'api.terminateFailed': () => ended('answered'),
    'remote.ended': () => ended('answered'),
    'remote.connected': () => ({ state: { phase: 'hanging-up' }, effects: [] }),
  },
  ended: {
    // Late answers to requests made before the end change nothing.
    'api.accepted': (_e) => ({ state: { phase: 'ended' }, effects: [] }),
    'api.rejected': () => ({ state: { phase: 'ended' }, effects: [] }),
    'api.terminated': () => ({ state: { phase: 'ended' }, effects: [] }),
    'remote.ended': () => ({ state: { phase: 'ended' }, effects: [] }),
  },
};

/** The initial state of an inbound call: it rings. */
export const ringingCall = (): { state: CallMachineState; effects: CallEffect[] } => ({
  state: { phase: 'ringing' },
  effects: [{ type: 'ring.start' }],
});

export const transition = (state: CallMachineState, event: CallMachineEvent): Transition => {
  const handler = table[state.phase][event.type] as Handler<typeof event.type> | undefined;
  if (!handler) return { ok: false, reason: `${event.type} is not allowed while ${state.phase}` };
  const next = handler(event as never);
  // Ended keeps the outcome it first got.
  const outcome = state.phase === 'ended' ? state.outcome : next.state.outcome;
  return { ok: true, state: outcome ? { phase: next.state.phase, outcome } : { phase: next.state.phase }, effects: next.effects };
};
