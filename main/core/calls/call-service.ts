import type { AppError, CallView, Direction, EventPayloads, Provider } from '../../../preload/contract';
import type { CallLogRepository, CallRecord } from '../call-log/call-log-repository';
import { isoTime, type Clock } from '../clock';
import { AppFailure, toAppError } from '../errors';
import type { IntakeEvent } from '../events/call-diff';
import type { Logger } from '../logging/logger';
import type { Translate } from '../i18n/translator';
import type { NotificationAction, Notifier } from '../notifications/notifier';
import { statusKind, type PilotCall } from '../pilot/call-schema';
import type { PilotClient } from '../pilot/pilot-client';
import { PilotApiError } from '../pilot/pilot-error';
import { displayPhone, normalizePeerNumber } from '../phone';
import { ringingCall, transition, type CallEffect, type CallMachineEvent, type CallMachineState } from './call-machine';
import { outcomeOf } from './outcome';

/** What the call service needs to know about the line a call came in on. */
export interface LineHandle {
  id: string;
  label: string;
  provider: Provider;
  client: Pick<PilotClient, 'accept' | 'reject' | 'terminate'>;
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
}

interface TrackedCall {
  id: string;
  externalId: string | null;
  accountId: string;
  direction: Direction;
  peerNumber: string;
  machine: CallMachineState;
  remoteStatus: string;
  createdAt: number;
  connectedAt?: number;
  endedAt?: number;
  durationSeconds?: number;
  error?: AppError;
  /** When the ringing event left the core; the renderer reports when it drew the call. */
  ringingEmittedAt?: number;
}

const parseTime = (value: string | null | undefined): number | undefined => {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

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

  constructor(private readonly deps: CallServiceDeps) {
    deps.notifier.onAction((callId, action) => this.onNotificationAction(callId, action));
  }

  list(): CallView[] {
    return [...this.calls.values()].map((call) => this.view(call));
  }

  /** Intake from polling or a relay for one line. */
  onIntake(accountId: string, event: IntakeEvent): void {
    const tracked = this.calls.get(event.call.id);
    if (event.type === 'ringing' && !tracked) {
      this.startRinging(accountId, event.call);
      return;
    }
    if (!tracked) {
      this.recordUntracked(accountId, event.call);
      return;
    }
    this.absorb(tracked, event.call);
    if (event.type === 'connected') this.dispatch(tracked, { type: 'remote.connected' });
    else if (event.type === 'ended') this.dispatch(tracked, { type: 'remote.ended', outcome: outcomeOf(event.call) });
    else this.changed(tracked);
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
      this.calls.delete(call.id);
    }
  }

  private startRinging(accountId: string, pilotCall: PilotCall): void {
    const line = this.deps.line(accountId);
    if (!line) return;
    const initial = ringingCall();
    const call: TrackedCall = {
      id: pilotCall.id,
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
    const record: CallRecord = {
      ...this.recordFields(pilotCall),
      id: pilotCall.id,
      accountId,
      lineLabel: line.label,
      provider: line.provider,
      direction: pilotCall.direction?.toUpperCase() === 'OUTBOUND' ? 'OUTBOUND' : 'INBOUND',
      peerNumber: normalizePeerNumber(pilotCall.peerNumber),
      outcome: statusKind(pilotCall) === 'ended' ? outcomeOf(pilotCall) : null,
    };
    this.deps.emit('log.changed', this.deps.callLog.upsert(record, this.deps.clock.now()));
  }

  private recordFields(pilotCall: PilotCall) {
    const connectedAt = parseTime(pilotCall.connectedAt);
    const endedAt = parseTime(pilotCall.endedAt);
    return {
      externalId: pilotCall.externalCallId ?? null,
      remoteStatus: pilotCall.status,
      createdAt: parseTime(pilotCall.createdAt) ?? parseTime(pilotCall.startedAt) ?? this.deps.clock.now(),
      connectedAt: connectedAt ?? null,
      endedAt: endedAt ?? null,
      durationSeconds: pilotCall.durationSeconds ?? (connectedAt && endedAt ? Math.round((endedAt - connectedAt) / 1000) : null),
    };
  }

  /** Copies what Pilot now says about a call we follow. Server times win over local ones. */
  private absorb(call: TrackedCall, pilotCall: PilotCall): void {
    call.remoteStatus = pilotCall.status;
    call.externalId = pilotCall.externalCallId ?? call.externalId;
    call.connectedAt = parseTime(pilotCall.connectedAt) ?? call.connectedAt;
    call.endedAt = parseTime(pilotCall.endedAt) ?? call.endedAt;
    if (pilotCall.durationSeconds != null) call.durationSeconds = pilotCall.durationSeconds;
  }

  private async agentCommand(callId: string, event: CallMachineEvent): Promise<CallView> {
    const call = this.calls.get(callId);
    if (!call) throw new AppFailure('CALL_NOT_FOUND', 'This call is no longer on the screen.');
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
      if (this.calls.get(call.id)?.machine.phase === 'ended') this.calls.delete(call.id);
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
        return this.request(call, () => line!.client.accept(call.id), { type: 'api.accepted' }, (error) => ({
          type: 'api.acceptFailed',
          elsewhere: callIsAlreadyTaken(error),
        }));
      case 'api.reject':
        return this.request(call, () => line!.client.reject(call.id), { type: 'api.rejected' }, () => ({ type: 'api.rejectFailed' }));
      case 'api.terminate':
        return this.request(call, () => line!.client.terminate(call.id), { type: 'api.terminated' }, () => ({ type: 'api.terminateFailed' }));
      case 'media.start':
      case 'media.stop':
        return;
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
    if (!line) return;
    const entry = this.deps.callLog.upsert(
      {
        id: call.id,
        externalId: call.externalId,
        accountId: call.accountId,
        lineLabel: line.label,
        provider: line.provider,
        direction: call.direction,
        peerNumber: call.peerNumber,
        outcome: call.machine.phase === 'ended' ? (call.machine.outcome ?? 'unknown') : null,
        remoteStatus: call.remoteStatus,
        createdAt: call.createdAt,
        connectedAt: call.connectedAt === undefined ? null : Math.round(call.connectedAt),
        endedAt: call.endedAt === undefined ? null : Math.round(call.endedAt),
        durationSeconds: call.durationSeconds ?? null,
      },
      this.deps.clock.now(),
    );
    this.deps.emit('log.changed', entry);
  }

  private view(call: TrackedCall): CallView {
    const line = this.deps.line(call.accountId);
    const view: CallView = {
      id: call.id,
      accountId: call.accountId,
      lineLabel: line?.label ?? '',
      provider: line?.provider ?? 'EVO_GO',
      direction: call.direction,
      peerNumber: call.peerNumber,
      phase: call.machine.phase,
      remoteStatus: call.remoteStatus,
      createdAt: isoTime(call.createdAt),
    };
    if (call.machine.outcome) view.outcome = call.machine.outcome;
    if (call.connectedAt !== undefined) view.connectedAt = isoTime(call.connectedAt);
    if (call.endedAt !== undefined) view.endedAt = isoTime(call.endedAt);
    if (call.durationSeconds !== undefined) view.durationSeconds = call.durationSeconds;
    if (call.error) view.error = call.error;
    return view;
  }
}
