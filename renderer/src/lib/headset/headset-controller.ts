import type { AppError, CallView } from '../../../../preload/contract';
import { headsetCalls, ledsFor, type ExpectedChange, type HeadsetCalls, type LedState } from './headset-calls';
import { decide, isPress, type DeviceEvent, type HeadsetCommand, type HeadsetDecision, type HeadsetMemory } from './headset-table';

/**
 * The agent's call commands, as the calls state gives them to every input
 * (screen buttons, notifications, the headset). `CallsState` is one.
 */
export interface CallCommands {
  answer(call: CallView): Promise<void>;
  decline(call: CallView): Promise<void>;
  hangup(call: CallView): Promise<void>;
  mute(call: CallView, muted: boolean): Promise<AppError | null>;
  hold(call: CallView, held: boolean): Promise<AppError | null>;
  /** The error the last answer, decline or hang-up of this call ended with, if any. */
  errors: Readonly<Record<string, AppError>>;
}

/**
 * Where the lights go: the connected headset, which sends the output reports
 * of the lights that changed since it last sent them (every light when
 * `resync` is set, or when it has sent none yet).
 */
export interface HeadsetLights {
  show(leds: LedState, resync: boolean): void;
}

/**
 * Follows the calls and a headset's events: each event is decided by the
 * headset table and carried out through the calls' own commands; the lights
 * follow the calls, and follow a command at once (before the core confirms
 * it, so a headset waiting for its acknowledgement gets it).
 */
export class HeadsetController {
  private calls: readonly CallView[] = [];
  private readonly expected = new Map<string, ExpectedChange>();
  private lights: HeadsetLights | null = null;
  private memory: Omit<HeadsetMemory, 'now' | 'deviceMuted'> = {};

  constructor(
    private readonly commands: CallCommands,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A headset connected (its lights are set to the calls at once) or went away (null). */
  attach(lights: HeadsetLights | null): void {
    this.lights = lights;
    this.memory = {};
    this.showLights(true);
  }

  /** The core reported the calls: what it confirmed no longer needs expecting. */
  callsChanged(calls: readonly CallView[]): void {
    this.calls = calls;
    for (const [callId, change] of this.expected) {
      const call = calls.find((c) => c.id === callId);
      if (!call || confirms(call, change)) this.expected.delete(callId);
    }
    this.showLights(false);
  }

  get view(): HeadsetCalls {
    return headsetCalls(this.calls, this.expected);
  }

  /** One event from the headset: decided, carried out, the lights updated. Returns the decision (for tests and logs). */
  deviceEvent(event: DeviceEvent): HeadsetDecision {
    const now = this.now();
    const calls = this.view;
    const decision = decide(calls, event, { ...this.memory, now, deviceMuted: event === 'mute.on' ? true : event === 'mute.off' ? false : undefined });
    if (isPress(event) && decision.row.id !== 'press-sent-twice') this.memory.lastPress = { event, at: now };
    for (const command of decision.row.commands) this.run(command, calls, event, now);
    this.showLights(decision.row.resync === true);
    return decision;
  }

  private run(command: HeadsetCommand, calls: HeadsetCalls, event: DeviceEvent, now: number): void {
    const current = calls.active ?? calls.held;
    switch (command.kind) {
      case 'answer': {
        const call = calls.ringing[0];
        if (!call) return;
        if (event.startsWith('hook.')) this.memory.hookAnswer = { callId: call.id, at: now };
        this.expect(call, { answering: true }, () => this.commands.answer(call).then(() => this.commands.errors[call.id] ?? null));
        return;
      }
      case 'decline': {
        const call = calls.ringing[0];
        if (call) this.expect(call, { gone: true }, () => this.commands.decline(call).then(() => this.commands.errors[call.id] ?? null));
        return;
      }
      case 'hangup':
        if (current) this.expect(current.call, { gone: true }, () => this.commands.hangup(current.call).then(() => this.commands.errors[current.call.id] ?? null));
        return;
      case 'mute': {
        if (!calls.active) return;
        const { call, muted } = calls.active;
        const next = command.muted === 'toggle' ? !muted : event === 'mute.on';
        this.expect(call, { muted: next }, () => this.commands.mute(call, next));
        return;
      }
      case 'hold':
        if (calls.active) {
          const { call } = calls.active;
          this.expect(call, { held: true }, () => this.commands.hold(call, true));
        }
        return;
      case 'resume':
        if (calls.held) {
          const { call } = calls.held;
          this.expect(call, { held: false }, () => this.commands.hold(call, false));
        }
        return;
    }
  }

  /** Shows `change` at once and sends the command; a refused command puts the lights back to what the core says. */
  private expect(call: CallView, change: ExpectedChange, send: () => Promise<AppError | null>): void {
    this.expected.set(call.id, { ...this.expected.get(call.id), ...change });
    void send().then((error) => {
      if (!error) return;
      this.expected.delete(call.id);
      this.showLights(false);
    });
  }

  private showLights(resync: boolean): void {
    this.lights?.show(ledsFor(this.view), resync);
  }
}

/** The core's view of a call shows what the headset asked (or the call is over). */
const confirms = (call: CallView, change: ExpectedChange): boolean => {
  if (call.phase === 'ended') return true;
  if (change.gone) return call.phase === 'hanging-up' || call.phase === 'declining';
  if (change.answering && call.phase === 'ringing') return false;
  if (change.muted !== undefined && call.media.muted !== change.muted) return false;
  if (change.held !== undefined && call.media.held !== change.held) return false;
  return true;
};
