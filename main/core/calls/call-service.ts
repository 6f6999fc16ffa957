import type { CallView, EventPayloads, Provider } from '../../../preload/contract';
import type { CallLogRepository } from '../call-log/call-log-repository';
import type { Clock } from '../clock';
import { AppFailure, toAppError } from '../errors';
import type { IntakeEvent } from '../events/call-diff';
import type { Logger } from '../logging/logger';
import type { Translate } from '../i18n/translator';
import type { NotificationAction, Notifier } from '../notifications/notifier';
import { statusKind, type PilotCall } from '../pilot/call-schema';
import type { PilotClient } from '../pilot/pilot-client';
import { PilotApiError } from '../pilot/pilot-error';
import { displayPhone, normalizePeerNumber } from '../phone';
import { dialingCall, ringingCall, transition, type CallEffect, type CallMachineEvent } from './call-machine';
import { MetaMedia, newCallMedia, type MetaMediaDeps } from './meta-media';
import { outcomeOf } from './outcome';
import { absorbPilotCall, callViewOf, logRecordOf, untrackedRecordOf } from './call-records';
import { parseTime, type TrackedCall } from './tracked-call';

/** What the call service needs to know about the line a call came in on. */
export interface LineHandle {
  id: string;
  label: string;
  provider: Provider;
  client: Pick<PilotClient, 'accept' | 'reject' | 'terminate' | 'getCall' | 'preAccept' | 'createCall'>;
}

export type EventSink = <E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]) => void;

export interface CallServiceDeps {
  clock: Clock;
  logger: Logger;
  callLog: CallLogRepository;
  notifier: Notifier;
  emit: EventSink;
  translate: () => Translate;
  line: (accountId: string) => LineHandle | undefined;
  /** Ended calls stay listed this long, so a reloaded window still shows how they ended. */
  keepEndedMs?: number;
  /** META: pre-accept ringing calls as soon as their answer SDP exists (a setting, on by default). */
  preAcceptEnabled?: () => boolean;
  /** META media timings (tests shorten them). */
  mediaTimings?: Pick<MetaMediaDeps, 'describeTimeoutMs' | 'mediaCheckMs' | 'answerPollMs'>;
}

/** Codes that mean "not now" for another reason than someone else answering. */
const unrelatedConflicts = new Set(['WHATSAPP_INSTANCE_NOT_CONNECTED']);

/** Whether a failed accept means another agent took the call (the first accept wins). */
const callIsAlreadyTaken = (error: unknown): boolean =>
  error instanceof PilotApiError &&
  !unrelatedConflicts.has(error.code) &&
  (error.status === 409 || /ALREADY|NOT_RINGING|INVALID_STATE/.test(error.code));

/**
 * Owns every call this agent can see ring or talk on: feeds intake events and
 * agent commands through the call state machine, carries out its effects
 * (API requests, notifications), writes each change to the call log and
 * tells the renderer.
 */
export class CallService {
  private readonly calls = new Map<string, TrackedCall>();
  /** Pilot's id → our id, for calls this agent dialed (their id is ours until Pilot creates them). */
  private readonly byPilotId = new Map<string, string>();
  /** META media: the core's half of the media protocol. */
  readonly media: MetaMedia;

  constructor(private readonly deps: CallServiceDeps) {
    deps.notifier.onAction((callId, action) => this.onNotificationAction(callId, action));
    this.media = new MetaMedia({
      clock: deps.clock,
      logger: deps.logger,
      emit: deps.emit,
      client: (call) => deps.line(call.accountId)?.client,
      dispatch: (call, event) => void this.dispatch(call, event),
      changed: (call) => this.changed(call),
      created: (call, created) => {
        call.pilotId = created.id;
        call.externalId = created.externalCallId ?? call.externalId;
        call.remoteStatus = created.status;
        this.byPilotId.set(created.id, call.id);
      },
      absorb: (call, pilotCall) => this.absorb(call, pilotCall),
      preAcceptEnabled: deps.preAcceptEnabled ?? (() => true),
      ...deps.mediaTimings,
    });
  }

  list(): CallView[] {
    return [...this.calls.values()].map((call) => this.view(call));
  }

  /** Intake from polling or a relay for one line. */
  onIntake(accountId: string, event: IntakeEvent): void {
    const tracked = this.find(event.call.id);
    if (event.type === 'ringing' && !tracked) {
      this.startRinging(accountId, event.call);
      return;
    }
    if (!tracked) {
      this.recordUntracked(accountId, event.call);
      return;
    }
    this.absorb(tracked, event.call);
    // A call we dialed is first *seen* by the poll, possibly already answered or over.
    const kind = event.type === 'seen' ? statusKind(event.call) : event.type;
    if (kind === 'connected') this.dispatch(tracked, { type: 'remote.connected' });
    else if (kind === 'ended') this.dispatch(tracked, { type: 'remote.ended', outcome: outcomeOf(event.call) });
    else this.changed(tracked);
  }

  /** Places a call from a line to `to` (E.164). META makes its offer first; the call shows as dialing at once. */
  async dial(accountId: string, to: string, options: { audioTest?: boolean } = {}): Promise<CallView> {
    const line = this.deps.line(accountId);
    if (!line) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    const initial = dialingCall(line.provider);
    const call: TrackedCall = {
      id: `dial_${crypto.randomUUID()}`,
      pilotId: null,
      externalId: null,
      accountId,
      direction: 'OUTBOUND',
      peerNumber: to,
      machine: initial.state,
      remoteStatus: '',
      createdAt: this.deps.clock.now(),
      media: line.provider === 'META' ? newCallMedia(options.audioTest) : undefined,
    };
    this.calls.set(call.id, call);
    this.deps.logger.info({ callId: call.id, accountId, provider: line.provider, audioTest: Boolean(options.audioTest) }, 'dialing');
    this.changed(call);
    await this.runEffects(call, initial.effects);
    return this.view(call);
  }

  /** A call on screen, for the media commands (`calls.media`); throws CALL_NOT_FOUND when it is gone. */
  tracked(callId: string): TrackedCall {
    return this.mustFind(callId);
  }

  callView(callId: string): CallView {
    return this.view(this.mustFind(callId));
  }

  /** A call on screen, or undefined (for reports that may arrive after it left). */
  trackedOrNone(callId: string): TrackedCall | undefined {
    return this.calls.get(callId);
  }

  answer(callId: string): Promise<CallView> {
    return this.agentCommand(callId, { type: 'agent.answer' });
  }

  decline(callId: string): Promise<CallView> {
    return this.agentCommand(callId, { type: 'agent.decline' });
  }

  hangup(callId: string): Promise<CallView> {
    return this.agentCommand(callId, { type: 'agent.hangup' });
  }

  /** The renderer drew the ringing call: log how long that took after the event left the core. */
  viewShown(callId: string, shownAt: number): void {
    const call = this.calls.get(callId);
    if (call?.ringingEmittedAt === undefined) return;
    this.deps.logger.info(
      { callId, eventToViewMs: Math.round((shownAt - call.ringingEmittedAt) * 10) / 10, shownAt, createdAt: call.createdAt },
      'ringing view shown',
    );
  }

  /** A line was removed: its calls leave the screen (the log keeps them). */
  forgetLine(accountId: string): void {
    for (const call of [...this.calls.values()].filter((c) => c.accountId === accountId)) {
      if (call.machine.phase === 'ringing') void this.deps.notifier.close(call.id);
      this.forget(call);
    }
  }

  private find(id: string): TrackedCall | undefined {
    return this.calls.get(id) ?? this.calls.get(this.byPilotId.get(id) ?? '');
  }

  private mustFind(id: string): TrackedCall {
    const call = this.calls.get(id);
    if (!call) throw new AppFailure('CALL_NOT_FOUND', 'This call is no longer on the screen.');
    return call;
  }

  private forget(call: TrackedCall): void {
    this.calls.delete(call.id);
    if (call.pilotId) this.byPilotId.delete(call.pilotId);
  }

  private startRinging(accountId: string, pilotCall: PilotCall): void {
    const line = this.deps.line(accountId);
    if (!line) return;
    const initial = ringingCall(line.provider);
    const call: TrackedCall = {
      id: pilotCall.id,
      pilotId: pilotCall.id,
      media: line.provider === 'META' ? newCallMedia() : undefined,
      externalId: pilotCall.externalCallId ?? null,
      accountId,
      direction: 'INBOUND',
      peerNumber: normalizePeerNumber(pilotCall.peerNumber),
      machine: initial.state,
      remoteStatus: pilotCall.status,
      createdAt: parseTime(pilotCall.createdAt) ?? parseTime(pilotCall.startedAt) ?? this.deps.clock.now(),
    };
    this.calls.set(call.id, call);
    this.deps.logger.info({ callId: call.id, accountId, provider: line.provider }, 'call ringing');
    call.ringingEmittedAt = this.deps.clock.now();
    this.changed(call);
    this.runEffects(call, initial.effects);
  }

  private recordUntracked(accountId: string, pilotCall: PilotCall): void {
    const line = this.deps.line(accountId);
    if (!line) return;
    const record = untrackedRecordOf(pilotCall, { ...line, id: accountId }, this.deps.clock.now());
    this.deps.emit('log.changed', this.deps.callLog.upsert(record, this.deps.clock.now()));
  }

  /** Copies what Pilot now says about a call we follow. Server times win over local ones. */
  private absorb(call: TrackedCall, pilotCall: PilotCall): void {
    absorbPilotCall(call, pilotCall);
  }

  private async agentCommand(callId: string, event: CallMachineEvent): Promise<CallView> {
    const call = this.mustFind(callId);
    const effects = this.dispatch(call, event);
    if (!effects) throw new AppFailure('CALL_STATE', `The call is ${call.machine.phase}; that action no longer applies.`, { phase: call.machine.phase });
    await this.runEffects(call, effects);
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
    this.changed(call);
    // Effects raised by remote events run on their own; agent commands await theirs.
    if (!event.type.startsWith('agent.')) void this.runEffects(call, result.effects);
    return result.effects;
  }

  private finish(call: TrackedCall, now: number): void {
    call.endedAt ??= now;
    if (call.durationSeconds === undefined && call.connectedAt !== undefined) {
      call.durationSeconds = Math.max(0, Math.round((call.endedAt - call.connectedAt) / 1000));
    }
    this.deps.logger.info({ callId: call.id, outcome: call.machine.outcome, durationSeconds: call.durationSeconds }, 'call ended');
    const timer = this.deps.clock.setTimeout(() => {
      if (this.calls.get(call.id)?.machine.phase === 'ended') this.forget(call);
    }, this.deps.keepEndedMs ?? 60_000);
    (timer as { unref?: () => void }).unref?.();
  }

  private async runEffects(call: TrackedCall, effects: readonly CallEffect[]): Promise<void> {
    for (const effect of effects) {
      try {
        await this.runEffect(call, effect);
      } catch (error) {
        this.deps.logger.error({ err: error, callId: call.id, effect: effect.type }, 'call effect failed');
      }
    }
  }

  private async runEffect(call: TrackedCall, effect: CallEffect): Promise<void> {
    const line = this.deps.line(call.accountId);
    switch (effect.type) {
      case 'ring.start':
        return this.notifyRinging(call);
      case 'ring.stop':
        return this.deps.notifier.close(call.id);
      case 'api.accept':
        return this.request(call, async () => line!.client.accept(call.id, await this.media.acceptSdp(call)), { type: 'api.accepted' }, (error) => ({
          type: 'api.acceptFailed',
          elsewhere: callIsAlreadyTaken(error),
        }));
      case 'api.reject':
        return this.request(call, () => line!.client.reject(call.id), { type: 'api.rejected' }, () => ({ type: 'api.rejectFailed' }));
      case 'api.terminate':
        return this.request(call, () => line!.client.terminate(call.pilotId ?? call.id), { type: 'api.terminated' }, () => ({ type: 'api.terminateFailed' }));
      case 'media.start':
      case 'media.stop':
      case 'media.prepare':
      case 'media.remote':
      case 'api.preAccept':
      case 'api.create':
      case 'answer.watch':
        return this.media.run(call, effect);
    }
  }

  private async request(
    call: TrackedCall,
    send: () => Promise<unknown>,
    success: CallMachineEvent,
    failure: (error: unknown) => CallMachineEvent,
  ): Promise<void> {
    if (!this.deps.line(call.accountId)) {
      this.dispatch(call, failure(new Error('line removed')));
      return;
    }
    try {
      await send();
      this.dispatch(call, success);
    } catch (error) {
      call.error = toAppError(error);
      this.deps.logger.warn({ callId: call.id, code: call.error.code }, 'call request failed');
      this.dispatch(call, failure(error));
    }
  }

  private async notifyRinging(call: TrackedCall): Promise<void> {
    const t = this.deps.translate();
    const line = this.deps.line(call.accountId);
    const notice = {
      callId: call.id,
      title: t('notification.incomingTitle'),
      body: t('notification.incomingBody', { number: displayPhone(call.peerNumber), line: line?.label ?? '' }),
      answerLabel: t('call.answer'),
      declineLabel: t('call.decline'),
    };
    let shown = false;
    try {
      shown = await this.deps.notifier.showIncomingCall(notice);
    } catch (error) {
      this.deps.logger.warn({ err: error, callId: call.id }, 'native notification failed');
    }
    // The call may have stopped ringing while the notification was on its way.
    if (call.machine.phase !== 'ringing') {
      if (shown) await this.deps.notifier.close(call.id);
      return;
    }
    if (!shown) this.deps.emit('notify.fallback', { callId: call.id, title: notice.title, body: notice.body });
  }

  private onNotificationAction(callId: string, action: NotificationAction): void {
    if (action === 'focus') return;
    const run = action === 'answer' ? this.answer(callId) : this.decline(callId);
    run.catch((error) => this.deps.logger.warn({ callId, action, code: toAppError(error).code }, 'notification action failed'));
  }

  /** Tells the window first (a ringing call must show at once), then writes the call log. */
  private changed(call: TrackedCall): void {
    this.deps.emit('calls.changed', this.view(call));
    const line = this.deps.line(call.accountId);
    // A call being dialed is logged once Pilot knows it (under Pilot's id), or when it ends without ever reaching Pilot.
    if (!line || (!call.pilotId && call.machine.phase !== 'ended')) return;
    this.deps.emit('log.changed', this.deps.callLog.upsert(logRecordOf(call, line), this.deps.clock.now()));
  }

  private view(call: TrackedCall): CallView {
    return callViewOf(call, this.deps.line(call.accountId));
  }
}
