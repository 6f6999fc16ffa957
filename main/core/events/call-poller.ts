import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logging/logger';
import { PilotApiError } from '../pilot/pilot-error';
import type { PilotClient } from '../pilot/pilot-client';
import { CallDiff, type IntakeEvent } from './call-diff';

/** Longest wait between attempts while Pilot Status rejects the key. */
export const authMaxBackoffMs = 15_000;

export type PollHealth =
  | { state: 'ok' }
  | { state: 'failing'; error: PilotApiError; consecutiveFailures: number; nextAttemptAt: number };

export interface CallPollerOptions {
  client: Pick<PilotClient, 'listCalls' | 'getCall'>;
  clock: Clock;
  logger: Logger;
  /** Period while nothing rings or is live (a setting, read before every wait). */
  idleIntervalMs: () => number;
  /** Period while a call rings or is live, so answer/hang-up show up quickly. */
  activeIntervalMs?: number;
  /** Longest wait between attempts while the API keeps failing. */
  maxBackoffMs?: number;
  onEvent: (event: IntakeEvent) => void;
  onHealth: (health: PollHealth) => void;
}

/**
 * Polls `GET /v1/calls` for one line (contract §4): about once a second while
 * idle, faster while a call rings or is live, backing off on errors and
 * honouring `Retry-After`. A failed poll loses nothing: the next successful
 * one is diffed against what was known, so calls that changed meanwhile
 * still produce their events, each once.
 */
export class CallPoller {
  private readonly diff = new CallDiff();
  private timer: TimerHandle | null = null;
  private running = false;
  private inFlight: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private failures = 0;
  private lastError: PilotApiError | null = null;

  constructor(private readonly options: CallPollerOptions) {}

  /** Starts polling; resolves when the first poll is done. */
  start(): Promise<void> {
    if (this.running) return this.inFlight ?? Promise.resolve();
    this.running = true;
    return this.pollNow();
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Polls at once and reschedules. Called while a poll is under way, it
   * queues one more poll after it (many calls, one extra poll) and resolves
   * when that one is done.
   */
  pollNow(): Promise<void> {
    if (this.inFlight) {
      this.queued ??= this.inFlight.then(() => {
        this.queued = null;
        return this.pollNow();
      });
      return this.queued;
    }
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.inFlight = this.pollOnce().finally(() => {
      this.inFlight = null;
      this.schedule();
    });
    return this.inFlight;
  }

  /** Milliseconds until the next poll, given the current health and calls. */
  nextDelayMs(): number {
    const { idleIntervalMs, activeIntervalMs = 250, maxBackoffMs = 8000 } = this.options;
    if (this.failures === 0) return this.diff.hasLiveCalls() ? Math.min(activeIntervalMs, idleIntervalMs()) : idleIntervalMs();
    const error = this.lastError;
    // A rejected key backs off further (retrying at once will not fix it) but never so far that a customer who
    // calls once the key works again is missed: at most ~15 s.
    const cap = error?.isAuth ? authMaxBackoffMs : maxBackoffMs;
    const exponential = Math.min(cap, 1000 * 2 ** (this.failures - 1));
    const jittered = exponential * (0.8 + Math.random() * 0.4);
    return Math.max(error?.retryAfterMs ?? 0, Math.min(cap, jittered));
  }

  private schedule(): void {
    if (!this.running) return;
    const delay = this.nextDelayMs();
    if (this.lastError && this.failures > 0) {
      this.options.onHealth({
        state: 'failing',
        error: this.lastError,
        consecutiveFailures: this.failures,
        nextAttemptAt: this.options.clock.now() + delay,
      });
    }
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      void this.pollNow();
    }, delay);
  }

  private async pollOnce(): Promise<void> {
    try {
      const { calls, rejected } = await this.options.client.listCalls({ limit: 25 });
      if (rejected.length > 0) this.options.logger.warn({ count: rejected.length }, 'call list entries without id or status were skipped');
      const events = this.diff.apply(calls);
      const listed = new Set(calls.map((c) => c.id));
      // A live call that fell off the first page is fetched on its own, so it can still end.
      for (const id of this.diff.liveIds().filter((liveId) => !listed.has(liveId))) {
        const event = this.diff.applyOne(await this.options.client.getCall(id));
        if (event) events.push(event);
      }
      if (this.failures > 0) this.options.logger.info({ after: this.failures }, 'Pilot Status reachable again');
      this.failures = 0;
      this.lastError = null;
      this.options.onHealth({ state: 'ok' });
      for (const event of events) this.emit(event);
    } catch (error) {
      this.failures += 1;
      // Not an HTTP failure (the keychain would not give the key, say): keep its code for the UI.
      const code = (error as { code?: unknown }).code;
      this.lastError =
        error instanceof PilotApiError
          ? error
          : new PilotApiError('network', typeof code === 'string' ? code : 'INTERNAL', (error as Error).message);
      this.options.logger.warn({ code: this.lastError.code, status: this.lastError.status, failures: this.failures }, 'poll failed');
    }
  }

  private emit(event: IntakeEvent): void {
    try {
      this.options.onEvent(event);
    } catch (error) {
      this.options.logger.error({ err: error, type: event.type, callId: event.call.id }, 'call event handler failed');
    }
  }
}
