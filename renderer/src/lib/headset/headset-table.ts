import type { HeadsetCallState, HeadsetCalls } from './headset-calls';
import { headsetCallState } from './headset-calls';

/**
 * What a headset's buttons do, as a table: (call state × device event) →
 * (app command, lights). Rows are read top to bottom and the first that
 * matches decides, so the vendor quirks (guarded rows) come first. After the
 * command the lights show the calls as the command leaves them (`ledsFor`);
 * a row marked `resync` sends every light again, for a headset whose own
 * idea of the call went out of step with the app's.
 *
 * ```
 *   idle ──hook off/toggle──▶ (resync)        ringing ──hook off/toggle──▶ answer ──▶ live
 *   live ──hook on/toggle, drop──▶ hang up    live ──mute──▶ mute/unmute   live ──flash──▶ hold ──▶ held
 *   held ──flash──▶ resume                    liveHeld ──flash──▶ swap (hold one, resume the other)
 *   liveRinging ──flash──▶ hold + answer the waiting call
 * ```
 */

export const deviceEvents = ['hook.offHook', 'hook.onHook', 'hook.toggle', 'mute.toggle', 'mute.on', 'mute.off', 'flash', 'drop', 'unplugged'] as const;
export type DeviceEvent = (typeof deviceEvents)[number];

/** Buttons that say "pressed", not a state: the same one twice in a row is two presses, or one press sent twice. */
const presses: readonly DeviceEvent[] = ['hook.toggle', 'mute.toggle', 'flash', 'drop'];

export type HeadsetCommand =
  /** The ringing call that rang first. */
  | { kind: 'answer' }
  | { kind: 'decline' }
  /** The call talked on, else the one on hold. */
  | { kind: 'hangup' }
  | { kind: 'mute'; muted: 'toggle' | 'device' }
  | { kind: 'hold' }
  | { kind: 'resume' };

/** Named conditions a quirk row adds to its state and event. */
export type Guard = 'sameButtonWithin150ms' | 'onHookSoonAfterHookAnswer' | 'muteAlreadyAsDeviceSays';

export interface HeadsetRow {
  id: string;
  states: readonly HeadsetCallState[];
  events: readonly DeviceEvent[];
  when?: Guard;
  commands: readonly HeadsetCommand[];
  resync?: boolean;
  /** Why the row exists (vendor behaviour for the quirks). */
  why: string;
}

const inCall: HeadsetCallState[] = ['live', 'held', 'liveHeld', 'liveRinging', 'heldRinging', 'liveHeldRinging'];
const talking: HeadsetCallState[] = ['live', 'liveHeld', 'liveRinging', 'liveHeldRinging'];
const notTalking: HeadsetCallState[] = ['idle', 'ringing', 'held', 'heldRinging'];
const every: HeadsetCallState[] = ['idle', 'ringing', ...inCall];

/** A press repeated within this is the same press (Plantronics repeats within ~50 ms). */
export const repeatedPressMs = 150;
/** Jabra takes back an off-hook the host did not acknowledge about 2 s later (WebHID issue 61). */
export const hookRevertMs = 2500;

export const headsetTable: readonly HeadsetRow[] = [
  // ── vendor quirks ───────────────────────────────────────────────────
  { id: 'press-sent-twice', states: every, events: presses, when: 'sameButtonWithin150ms', commands: [], why: 'Plantronics and Jabra send one press twice; a second identical press within 150 ms is the same press' },
  { id: 'hook-revert', states: inCall, events: ['hook.onHook'], when: 'onHookSoonAfterHookAnswer', commands: [], resync: true, why: "Jabra takes back an off-hook it saw no acknowledgement for about 2 s later; the call just answered stays and the off-hook light is sent again" },
  { id: 'mute-echo', states: talking, events: ['mute.on', 'mute.off'], when: 'muteAlreadyAsDeviceSays', commands: [], why: "a headset with an absolute mute repeats the mute state the app's light set: nothing to change" },
  // ── hook switch (absolute: off-hook/on-hook; relative: toggle) ─────
  { id: 'answer-by-hook', states: ['ringing'], events: ['hook.offHook', 'hook.toggle'], commands: [{ kind: 'answer' }], why: 'lifting the headset (or its call button) answers the call that rang first' },
  { id: 'hook-follows-app', states: inCall, events: ['hook.offHook'], commands: [], why: 'the headset going off-hook after the app did (answered on screen): an echo of the off-hook light' },
  { id: 'off-hook-without-call', states: ['idle'], events: ['hook.offHook', 'hook.toggle'], commands: [], resync: true, why: 'nothing to answer: the lights tell the headset it is on-hook again' },
  { id: 'hang-up-by-hook', states: ['live', 'held', 'liveRinging', 'heldRinging'], events: ['hook.onHook', 'hook.toggle'], commands: [{ kind: 'hangup' }], why: 'putting the headset down hangs up the call (the one on hold when nothing else is in use); a waiting call keeps ringing' },
  { id: 'hang-up-keeps-held', states: ['liveHeld', 'liveHeldRinging'], events: ['hook.onHook', 'hook.toggle'], commands: [{ kind: 'hangup' }], resync: true, why: 'hangs up the call talked on; the call on hold keeps the line off-hook, so the headset is told so again' },
  { id: 'on-hook-while-ringing', states: ['ringing'], events: ['hook.onHook'], commands: [], resync: true, why: 'a ringing call is not declined by the hook; a headset out of step is put back on-hook, and its next press answers' },
  { id: 'hook-follows-app-idle', states: ['idle'], events: ['hook.onHook'], commands: [], why: 'the headset going on-hook after the app did (the customer hung up): an echo' },
  // ── mute ────────────────────────────────────────────────────────────
  { id: 'mute-toggle', states: talking, events: ['mute.toggle'], commands: [{ kind: 'mute', muted: 'toggle' }], why: 'the mute button mutes or unmutes the call talked on' },
  { id: 'mute-set', states: talking, events: ['mute.on', 'mute.off'], commands: [{ kind: 'mute', muted: 'device' }], why: 'a headset with an absolute mute says which state it wants' },
  { id: 'mute-without-call', states: notTalking, events: ['mute.toggle', 'mute.on', 'mute.off'], commands: [], resync: true, why: 'mute applies to a call talked on (as Jabra documents); a light the headset lit itself is put back' },
  // ── flash ───────────────────────────────────────────────────────────
  { id: 'flash-holds', states: ['live'], events: ['flash'], commands: [{ kind: 'hold' }], why: 'flash puts the call on hold' },
  { id: 'flash-resumes', states: ['held'], events: ['flash'], commands: [{ kind: 'resume' }], why: 'flash takes the call off hold' },
  { id: 'flash-swaps', states: ['liveHeld'], events: ['flash'], commands: [{ kind: 'hold' }, { kind: 'resume' }], why: 'with one call on hold, flash swaps the two' },
  { id: 'flash-answers-waiting', states: ['liveRinging', 'liveHeldRinging'], events: ['flash'], commands: [{ kind: 'hold' }, { kind: 'answer' }], why: 'a call waiting: flash holds the call talked on and answers the waiting one' },
  { id: 'flash-answers-while-held', states: ['heldRinging'], events: ['flash'], commands: [{ kind: 'answer' }], why: 'the only call is on hold already: flash answers the waiting one' },
  { id: 'flash-without-call', states: ['idle', 'ringing'], events: ['flash'], commands: [], why: 'nothing to hold or swap' },
  // ── drop (EPOS, Poly) ───────────────────────────────────────────────
  { id: 'drop-hangs-up', states: inCall, events: ['drop'], commands: [{ kind: 'hangup' }], why: 'the drop button ends the call talked on' },
  { id: 'drop-declines', states: ['ringing'], events: ['drop'], commands: [{ kind: 'decline' }], why: 'the drop button declines the call that rang first' },
  { id: 'drop-without-call', states: ['idle'], events: ['drop'], commands: [], why: 'nothing to end' },
  // ── the headset itself ──────────────────────────────────────────────
  { id: 'unplugged', states: every, events: ['unplugged'], commands: [], why: 'a headset unplugged mid-call changes nothing about the call' },
];

/** What the controller remembers between events, for the guarded rows. */
export interface HeadsetMemory {
  now: number;
  lastPress?: { event: DeviceEvent; at: number };
  hookAnswer?: { callId: string; at: number };
  /** For `mute.on`/`mute.off`: the mute state the headset reports. */
  deviceMuted?: boolean;
}

const guardHolds = (guard: Guard, event: DeviceEvent, calls: HeadsetCalls, memory: HeadsetMemory): boolean => {
  switch (guard) {
    case 'sameButtonWithin150ms':
      return memory.lastPress?.event === event && memory.now - memory.lastPress.at < repeatedPressMs;
    case 'onHookSoonAfterHookAnswer':
      return memory.hookAnswer !== undefined && calls.active?.call.id === memory.hookAnswer.callId && memory.now - memory.hookAnswer.at < hookRevertMs;
    case 'muteAlreadyAsDeviceSays':
      return calls.active !== null && memory.deviceMuted === calls.active.muted;
  }
};

export interface HeadsetDecision {
  state: HeadsetCallState;
  row: HeadsetRow;
}

/** The first row that matches; the table covers every state × event (a test proves it), so there always is one. */
export const decide = (calls: HeadsetCalls, event: DeviceEvent, memory: HeadsetMemory): HeadsetDecision => {
  const state = headsetCallState(calls);
  const row = headsetTable.find((r) => r.states.includes(state) && r.events.includes(event) && (!r.when || guardHolds(r.when, event, calls, memory)));
  if (!row) throw new Error(`the headset table has no row for ${state} × ${event}`);
  return { state, row };
};

export const isPress = (event: DeviceEvent): boolean => presses.includes(event);
