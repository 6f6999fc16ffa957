import type { AvailabilityChoice, AvailabilityView, CallPhase, CallView, LineAnswering, QuietReason, WrapUpView } from '../../../preload/contract';
import { isoTime, type Clock, type TimerHandle } from '../clock';
import type { Handlers } from '../commands/dispatcher';
import type { DomainEvents } from '../domain-events';
import type { Logger } from '../logging/logger';
import type { EventSink } from '../ports';
import { mayAutoAnswer, quietReasonOf, statusOf, step, type Activity, type ActivityEffect, type ActivityEvent } from './agent-activity';

/** Where the agent's choice is kept, and each line's answering options. */
export interface AvailabilityStore {
  readonly availability: AvailabilityChoice;
  setAvailability(choice: AvailabilityChoice): void;
  readonly settings: { lineAnswering: Record<string, LineAnswering> };
}

export interface AvailabilityDeps {
  clock: Clock;
  logger: Logger;
  events: DomainEvents;
  emit: EventSink;
  store: AvailabilityStore;
  /** Answers a call (auto-answer), as the agent's own Answer would. */
  answer: (callId: string) => Promise<unknown>;
  /** The availability changed (the team servers are told). */
  onChange?: (view: AvailabilityView) => void;
}

/** Phases in which the agent is on a call (or about to be): the status is Busy. */
const underWay: readonly CallPhase[] = ['answering', 'connected', 'dialing', 'ringing-out', 'canceling', 'hanging-up'];

interface FollowedCall {
  view: CallView;
  /** The agent talked on it (it reached connected here): only such a call has a wrap-up. */
  talked: boolean;
}

/**
 * The agent's availability, decided on the main side so the ringer and the
 * notifications obey it whether or not a window is open. It follows the
 * calls through the core's domain events (Busy while one is under way, then
 * the line's wrap-up time), answers the call service's "may this call ring?"
 * and answers calls on their own where a line asks for it.
 */
export class AvailabilityService {
  private activity: Activity = 'idle';
  private readonly calls = new Map<string, FollowedCall>();
  private wrapUp: WrapUpView | null = null;
  private wrapUpTimer: TimerHandle | null = null;
  private readonly autoAnswers = new Map<string, { at: number; timer: TimerHandle }>();

  constructor(private readonly deps: AvailabilityDeps) {
    deps.events.on('call.transitioned', ({ view, previousPhase }) => this.follow(view, previousPhase));
  }

  /** The ring gate: why a call starting to ring now rings quietly, or null when it rings. */
  readonly quietReason = (): QuietReason | null => quietReasonOf(this.deps.store.availability, this.activity);

  view(): AvailabilityView {
    const chosen = this.deps.store.availability;
    return {
      chosen,
      status: statusOf(chosen, this.activity),
      wrapUp: this.activity === 'wrap-up' ? this.wrapUp : null,
      autoAnswer: [...this.autoAnswers].map(([callId, { at }]) => ({ callId, at: isoTime(at) })),
    };
  }

  set(choice: AvailabilityChoice): AvailabilityView {
    this.deps.store.setAvailability(choice);
    this.deps.logger.info({ availability: choice }, 'availability chosen');
    // A call set to answer on its own stops doing so once the agent steps away.
    if (choice !== 'available') for (const callId of [...this.autoAnswers.keys()]) this.cancelAutoAnswer(callId);
    return this.changed();
  }

  /** The agent is ready before the wrap-up time ran out. */
  ready(): AvailabilityView {
    this.apply({ type: 'agent.ready' });
    return this.changed();
  }

  handlers(): Handlers<'availability.get' | 'availability.set' | 'availability.ready'> {
    return {
      'availability.get': () => this.view(),
      'availability.set': ({ status }) => this.set(status),
      'availability.ready': () => this.ready(),
    };
  }

  stop(): void {
    if (this.wrapUpTimer) this.deps.clock.clearTimeout(this.wrapUpTimer);
    for (const callId of [...this.autoAnswers.keys()]) this.cancelAutoAnswer(callId);
  }

  private follow(view: CallView, previousPhase: CallPhase | null): void {
    if (view.phase === 'ringing' && previousPhase === null && !view.quiet) this.considerAutoAnswer(view);
    if (view.phase !== 'ringing' && this.autoAnswers.has(view.id)) {
      this.cancelAutoAnswer(view.id);
      this.changed();
    }
    const followed = this.calls.get(view.id);
    if (underWay.includes(view.phase)) {
      this.calls.set(view.id, { view, talked: (followed?.talked ?? false) || view.phase === 'connected' });
      if (!followed && this.activity !== 'on-call') {
        this.apply({ type: 'call.started' });
        this.changed();
      }
      return;
    }
    if (!followed) return;
    this.calls.delete(view.id);
    if (this.calls.size > 0) return;
    const seconds = followed.talked ? (this.deps.store.settings.lineAnswering[view.accountId]?.wrapUpSeconds ?? 0) : 0;
    if (seconds > 0) {
      this.wrapUp = {
        callId: view.id,
        contactName: view.contactName ?? null,
        accountId: view.accountId,
        lineLabel: view.lineLabel,
        peerNumber: view.peerNumber,
        endsAt: isoTime(this.deps.clock.now() + seconds * 1000),
      };
    }
    this.apply({ type: 'calls.over', wrapUpMs: seconds * 1000 });
    this.changed();
  }

  private apply(event: ActivityEvent): void {
    const result = step(this.activity, event);
    if (!result.ok) {
      this.deps.logger.warn({ event: event.type, activity: this.activity }, result.reason);
      return;
    }
    this.activity = result.activity;
    for (const effect of result.effects) this.run(effect);
  }

  private run(effect: ActivityEffect): void {
    if (this.wrapUpTimer) this.deps.clock.clearTimeout(this.wrapUpTimer);
    this.wrapUpTimer = null;
    if (effect.type !== 'timer.start') return;
    this.wrapUpTimer = this.deps.clock.setTimeout(() => {
      this.wrapUpTimer = null;
      this.apply({ type: 'wrapUp.elapsed' });
      this.changed();
    }, effect.ms);
  }

  private considerAutoAnswer(view: CallView): void {
    const seconds = this.deps.store.settings.lineAnswering[view.accountId]?.autoAnswerSeconds ?? null;
    if (!seconds || !mayAutoAnswer(this.deps.store.availability, this.activity)) return;
    const at = this.deps.clock.now() + seconds * 1000;
    const timer = this.deps.clock.setTimeout(() => {
      this.autoAnswers.delete(view.id);
      this.deps.logger.info({ callId: view.id, afterSeconds: seconds }, 'call answered on its own');
      this.deps.answer(view.id).catch((error: unknown) => this.deps.logger.warn({ callId: view.id, code: (error as { code?: string }).code }, 'auto-answer failed'));
    }, seconds * 1000);
    this.autoAnswers.set(view.id, { at, timer });
    this.changed();
  }

  private cancelAutoAnswer(callId: string): void {
    const pending = this.autoAnswers.get(callId);
    if (pending) this.deps.clock.clearTimeout(pending.timer);
    this.autoAnswers.delete(callId);
  }

  private changed(): AvailabilityView {
    const view = this.view();
    this.deps.emit('availability.changed', view);
    this.deps.onChange?.(view);
    return view;
  }
}
