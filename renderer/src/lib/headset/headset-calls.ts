import type { CallPhase, CallView } from '../../../../preload/contract';

/**
 * The calls as a headset sees them: which ring, which one the agent talks on,
 * which one waits on hold. Derived from the core's call views plus what the
 * headset already asked for and the core has not confirmed yet, so the lights
 * answer a button at once.
 */

/**
 * Whether a ringing call should ring on the agent's headset: not one the main
 * side marked quiet (the agent is away, in do not disturb or wrapping up), as
 * it rings no ringtone and no notification either, and not one Pilot Status
 * reports in a status the app does not know (it cannot be answered).
 */
export const ringsForAgent = (call: CallView): boolean => call.phase === 'ringing' && !call.quiet && !call.statusUnknown;

/** Phases in which the agent's line is in use: dialing out, answering, talking. */
const inUse: ReadonlySet<CallPhase> = new Set<CallPhase>(['dialing', 'ringing-out', 'answering', 'connected']);

/** What the headset asked of a call, shown before the core confirms it. */
export interface ExpectedChange {
  answering?: true;
  gone?: true;
  muted?: boolean;
  held?: boolean;
}

export interface HeadsetCall {
  call: CallView;
  muted: boolean;
  held: boolean;
}

export interface HeadsetCalls {
  /** Ringing for the agent, the one that rang first first. */
  ringing: CallView[];
  /** The call the agent talks on (the newest in-use call not on hold). */
  active: HeadsetCall | null;
  /** A call waiting on hold (the newest). */
  held: HeadsetCall | null;
}

const newestFirst = (a: CallView, b: CallView) => b.createdAt.localeCompare(a.createdAt);

export const headsetCalls = (calls: readonly CallView[], expected: ReadonlyMap<string, ExpectedChange> = new Map()): HeadsetCalls => {
  const ringing: CallView[] = [];
  const inUseCalls: HeadsetCall[] = [];
  for (const call of [...calls].sort(newestFirst)) {
    const change = expected.get(call.id) ?? {};
    if (change.gone) continue;
    if (call.phase === 'ringing' && !change.answering) {
      if (ringsForAgent(call)) ringing.unshift(call);
      continue;
    }
    if (inUse.has(call.phase) || (call.phase === 'ringing' && change.answering)) {
      inUseCalls.push({ call, muted: change.muted ?? call.media.muted, held: change.held ?? call.media.held });
    }
  }
  return {
    ringing,
    active: inUseCalls.find((c) => !c.held) ?? null,
    held: inUseCalls.find((c) => c.held) ?? null,
  };
};

/**
 * The call state the headset table is written for: whether the agent talks on
 * a call, has one on hold, and whether another rings meanwhile.
 */
export const headsetCallStates = ['idle', 'ringing', 'live', 'held', 'liveHeld', 'liveRinging', 'heldRinging', 'liveHeldRinging'] as const;
export type HeadsetCallState = (typeof headsetCallStates)[number];

export const headsetCallState = ({ ringing, active, held }: HeadsetCalls): HeadsetCallState => {
  const rings = ringing.length > 0;
  if (!active && !held) return rings ? 'ringing' : 'idle';
  const base = active && held ? 'liveHeld' : active ? 'live' : 'held';
  return rings ? (`${base}Ringing` as HeadsetCallState) : base;
};

/** The headset's lights for the calls: the line in use, a call ringing, the talked-on call muted, a call on hold. */
export interface LedState {
  offHook: boolean;
  ring: boolean;
  mute: boolean;
  hold: boolean;
}

export const ledsFor = ({ ringing, active, held }: HeadsetCalls): LedState => ({
  offHook: active !== null || held !== null,
  ring: ringing.length > 0,
  mute: active?.muted ?? false,
  hold: held !== null,
});
