import type { CallView } from '../../../preload/contract';
import type { Clock } from '../clock';
import type { DomainEvents } from '../domain-events';
import { AppFailure } from '../errors';
import type { IntakeEvent } from '../events/call-diff';
import type { Logger } from '../logging/logger';
import { outcomeOf } from '../pilot/call-outcome';
import { statusKind, type PilotCall } from '../pilot/call-schema';
import type { ContactLookup, LineHandle, LineLookup, RingGate } from '../ports';
import { untrackedRecordOf } from '../call-log/pilot-record';
import { dialingCall, quietRingingCall, ringingCall, transition, type CallEffect, type CallMachineEvent, type CallMachineState } from './call-machine';
import { CallEffects } from './call-effects';
import { absorbPilotCall, assertAnswerable, callFactsOf, callViewOf, liveElsewhere, logRecordOf } from './call-records';
import type { CallRinger } from './call-ringer';
import type { MediaDriverFactory, NewCall, TrackedCall } from './tracked-call';
import { TrackedCalls } from './tracked-calls';

export interface CallServiceDeps {
  clock: Clock;
  logger: Logger;
  /** Where what happens to a call is published: the window, the call log and its timeline follow it there. */
  events: DomainEvents;
  ringer: CallRinger;
  line: LineLookup;
  /** Picks a new call's media driver from its line's number type. */
  media: MediaDriverFactory;
  /** Ended calls stay listed this long, so a reloaded window still shows how they ended. */
  keepEndedMs?: number;
  /** Whether a call may ring for this agent now (availability); without one every call rings. */
  ringGate?: RingGate;
  /** The customer's name from the contacts, shown on the call and in its notification. */
  contactName?: ContactLookup;
}

/**
 * Owns every call this agent can see ring or talk on: feeds intake events and
 * agent commands through the call state machine, has its effects carried out
 * (API requests, ringing, the call's media driver) and publishes each change
 * as `call.transitioned`. It knows neither the window nor the call log.
 */
export class CallService {
  private readonly calls = new TrackedCalls();
  private readonly effects: CallEffects;

  constructor(private readonly deps: CallServiceDeps) {
    this.effects = new CallEffects({
      logger: deps.logger,
      line: deps.line,
      ringer: deps.ringer,
      dispatch: (call, event) => void this.dispatch(call, event),
      created: (call, created) => {
        this.calls.learnPilotId(call, created.id);
        call.externalId = created.externalCallId ?? call.externalId;
        call.remoteStatus = created.status;
      },
    });
    // A contact added, renamed or removed while its customer is on screen: the call shows the new name at once.
    deps.events.on('contacts.changed', ({ changes }) => {
      const numbers = new Set(changes.flatMap((change) => change.numbers));
      for (const call of this.calls.values()) {
        if (!numbers.has(call.peerNumber)) continue;
        call.contactName = deps.contactName?.(call.peerNumber) ?? null;
        this.changed(call);
      }
    });
    deps.ringer.onAction((callId, action) => {
      const run = action === 'answer' ? this.answer(callId) : this.decline(callId);
      run.catch((error: unknown) => deps.logger.warn({ callId, action, code: (error as { code?: string }).code }, 'notification action failed'));
    });
  }

  list(): CallView[] {
    return [...this.calls.values()].map((call) => this.view(call));
  }

  /** Intake from polling or a team server for one line; `answeredBy`: the agent the team server says took the call. */
  onIntake(accountId: string, event: IntakeEvent, answeredBy?: string): void {
    const tracked = this.calls.find(event.call.id);
    if (tracked && answeredBy) tracked.answeredBy = answeredBy;
    if (event.type === 'ringing' && !tracked) {
      this.startRinging(accountId, event.call);
      return;
    }
    if (!tracked) {
      this.recordUntracked(accountId, event.call);
      return;
    }
    absorbPilotCall(tracked, event.call);
    // A call we dialed is first *seen* by the poll, possibly already answered or over.
    const kind = event.type === 'seen' ? statusKind(event.call) : event.type;
    if (kind === 'connected') this.dispatch(tracked, { type: 'remote.connected' });
    else if (kind === 'ended') this.dispatch(tracked, { type: 'remote.ended', outcome: outcomeOf(event.call) });
    else this.changed(tracked);
    // Whatever media a call still had (a supervisor's listen session included) ends with it.
    if (event.type === 'ended') tracked.driver.stop();
  }

  /** Puts on screen a call another agent is on (a supervisor picked it from the team's live calls), to listen in; {@link stopFollowing} ends it. */
  watch(accountId: string, pilotCall: PilotCall, answeredBy?: string): CallView {
    const known = this.calls.find(pilotCall.id);
    if (known) return this.view(known);
    const line = this.deps.line(accountId);
    if (!line) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    const call = this.track(line, callFactsOf(accountId, pilotCall, pilotCall.direction?.toUpperCase() === 'OUTBOUND' ? 'OUTBOUND' : 'INBOUND', this.deps.clock.now()));
    call.machine = { phase: 'ended', outcome: 'answered-elsewhere', sdp: 'none' };
    call.remoteKind = 'connected';
    if (answeredBy) call.answeredBy = answeredBy;
    this.changed(call, null);
    this.forgetLater(call);
    return this.view(call);
  }

  /** A call followed from elsewhere is over (it left the team's live calls): its listen-in stops and it leaves the screen later. */
  stopFollowing(callId: string): void {
    const call = this.calls.get(callId);
    if (!call || call.machine.phase !== 'ended' || call.remoteKind !== 'connected') return;
    call.remoteKind = 'ended';
    call.driver.stop();
    this.changed(call);
  }

  /** Places a call from a line to `to` (E.164); it shows as dialing at once. */
  async dial(accountId: string, to: string, options: { audioTest?: boolean } = {}): Promise<CallView> {
    const line = this.deps.line(accountId);
    if (!line) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    const call = this.track(
      line,
      { id: `dial_${crypto.randomUUID()}`, pilotId: null, externalId: null, accountId, direction: 'OUTBOUND', peerNumber: to, remoteStatus: '', createdAt: this.deps.clock.now() },
      options,
    );
    const initial = dialingCall(Boolean(call.driver.sdp));
    call.machine = initial.state;
    this.deps.logger.info({ callId: call.id, accountId, provider: line.provider, audioTest: Boolean(options.audioTest) }, 'dialing');
    this.changed(call, null);
    await this.effects.run(call, initial.effects);
    return this.view(call);
  }

  /** A call on screen; throws CALL_NOT_FOUND when it is gone. */
  tracked(callId: string): TrackedCall {
    const call = this.calls.get(callId);
    if (!call) throw new AppFailure('CALL_NOT_FOUND', 'This call is no longer on the screen.');
    return call;
  }

  /** A call on screen, or undefined (for reports that may arrive after it left). */
  trackedOrNone(callId: string): TrackedCall | undefined {
    return this.calls.get(callId);
  }

  callView(callId: string): CallView {
    return this.view(this.tracked(callId));
  }

  async answer(callId: string): Promise<CallView> {
    assertAnswerable(this.tracked(callId));
    return this.agentCommand(callId, { type: 'agent.answer' });
  }

  decline(callId: string): Promise<CallView> {
    return this.agentCommand(callId, { type: 'agent.decline' });
  }

  hangup(callId: string): Promise<CallView> {
    return this.agentCommand(callId, { type: 'agent.hangup' });
  }

  /** Mute or hold a call, through its media driver (their one owner). */
  control(callId: string, change: { muted?: boolean; held?: boolean }): CallView {
    const call = this.tracked(callId);
    call.driver.control(change);
    return this.view(call);
  }

  /** The renderer drew the ringing call, or its Answer button became focusable: log how long after the event left the core. */
  viewShown(callId: string, shownAt: number, view: 'ringing' | 'answerable' = 'ringing'): void {
    const call = this.calls.get(callId);
    if (call?.ringingEmittedAt === undefined) return;
    this.deps.logger.info(
      { callId, eventToViewMs: Math.round((shownAt - call.ringingEmittedAt) * 10) / 10, shownAt, createdAt: call.createdAt },
      view === 'ringing' ? 'ringing view shown' : 'answer button focusable',
    );
  }

  /** A line was removed: its calls leave the screen (the log keeps them) and their media stops. */
  forgetLine(accountId: string): void {
    for (const call of [...this.calls.values()].filter((c) => c.accountId === accountId)) {
      if (call.machine.phase === 'ringing') void this.deps.ringer.silence(call.id);
      call.driver.stop();
      this.calls.delete(call);
    }
  }

  /** Every call's media stops (the app is quitting). */
  stopAll(): void {
    for (const call of this.calls.values()) call.driver.stop();
  }

  /** Follows a new call with the media driver its line's number type has; the caller sets its state. */
  private track(line: LineHandle, facts: NewCall, options: { audioTest?: boolean } = {}): TrackedCall {
    const call = { ...facts, provider: line.provider, features: line.features, machine: { phase: 'ringing', sdp: 'none' } as CallMachineState } as TrackedCall;
    call.contactName = this.deps.contactName?.(facts.peerNumber) ?? null;
    call.driver = this.deps.media(
      call,
      {
        dispatch: (event) => void this.dispatch(call, event),
        changed: () => this.changed(call),
        absorb: (pilotCall) => absorbPilotCall(call, pilotCall),
      },
      options,
    );
    this.calls.add(call);
    return call;
  }

  private startRinging(accountId: string, pilotCall: PilotCall): void {
    const line = this.deps.line(accountId);
    if (!line) return;
    const call = this.track(line, callFactsOf(accountId, pilotCall, 'INBOUND', this.deps.clock.now()));
    const quiet = this.deps.ringGate?.(accountId) ?? null;
    if (quiet) call.quiet = quiet;
    const initial = quiet ? quietRingingCall(Boolean(call.driver.sdp)) : ringingCall(Boolean(call.driver.sdp));
    call.machine = initial.state;
    this.deps.logger.info({ callId: call.id, accountId, provider: line.provider, ...(quiet ? { quiet } : {}) }, 'call ringing');
    call.ringingEmittedAt = this.deps.clock.now();
    this.changed(call, null);
    void this.effects.run(call, initial.effects);
  }

  private recordUntracked(accountId: string, pilotCall: PilotCall): void {
    const line = this.deps.line(accountId);
    if (line) this.deps.events.publish('call.seen', { record: untrackedRecordOf(pilotCall, line, this.deps.clock.now()) });
  }

  private async agentCommand(callId: string, event: CallMachineEvent): Promise<CallView> {
    const call = this.tracked(callId);
    const effects = this.dispatch(call, event);
    if (!effects) throw new AppFailure('CALL_STATE', `The call is ${call.machine.phase}; that action no longer applies.`, { phase: call.machine.phase });
    await this.effects.run(call, effects);
    if (call.error && call.machine.phase === 'ended' && call.machine.outcome === 'failed') throw new AppFailure(call.error.code, call.error.message, call.error.details);
    return this.view(call);
  }

  /** Applies one event; returns the effects to run, or null when the event was illegal (logged). */
  private dispatch(call: TrackedCall, event: CallMachineEvent): CallEffect[] | null {
    const result = transition(call.machine, event);
    if (!result.ok) {
      this.deps.logger.warn({ callId: call.id, event: event.type, phase: call.machine.phase }, result.reason);
      return null;
    }
    const before = call.machine.phase;
    call.machine = result.state;
    const now = this.deps.clock.now();
    if (call.machine.phase === 'connected' && call.connectedAt === undefined) call.connectedAt = now;
    if (call.machine.phase === 'ended' && before !== 'ended') this.finish(call, now);
    this.changed(call, before);
    // Effects raised by remote events run on their own; agent commands await theirs.
    if (!event.type.startsWith('agent.')) void this.effects.run(call, result.effects);
    return result.effects;
  }

  private finish(call: TrackedCall, now: number): void {
    call.endedAt ??= now;
    if (call.durationSeconds === undefined && call.connectedAt !== undefined) {
      call.durationSeconds = Math.max(0, Math.round((call.endedAt - call.connectedAt) / 1000));
    }
    this.deps.logger.info({ callId: call.id, outcome: call.machine.outcome, durationSeconds: call.durationSeconds }, 'call ended');
    this.forgetLater(call);
  }

  private forgetLater(call: TrackedCall): void {
    const timer = this.deps.clock.setTimeout(() => {
      if (this.calls.get(call.id)?.machine.phase !== 'ended') return;
      // A call another agent is still on stays, so a supervisor can listen in.
      if (liveElsewhere(call) || call.driver.active) this.forgetLater(call);
      else this.calls.delete(call);
    }, this.deps.keepEndedMs ?? 60_000);
    (timer as { unref?: () => void }).unref?.();
  }

  /**
   * Publishes the call as it now is. The window hears first (a ringing call must show at once); the call log
   * writes a row once Pilot knows the call (a dialed call under Pilot's id), or when it ends without reaching Pilot.
   */
  private changed(call: TrackedCall, previousPhase: CallMachineState['phase'] | null = call.machine.phase): void {
    const line = this.deps.line(call.accountId);
    const loggable = line !== undefined && (call.pilotId !== null || call.machine.phase === 'ended');
    this.deps.events.publish('call.transitioned', {
      view: this.view(call),
      record: loggable ? logRecordOf(call, line) : null,
      previousPhase,
    });
  }

  private view(call: TrackedCall): CallView {
    return callViewOf(call, this.deps.line(call.accountId)?.label ?? '');
  }
}
