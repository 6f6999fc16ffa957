import type { Redis } from 'ioredis';
import type { Logger } from '../../core/logging/logger';
import { statusKind } from '../../core/pilot/call-schema';
import type { PilotClient } from '../../core/pilot/pilot-client';
import { PilotApiError } from '../../core/pilot/pilot-error';
import type { TeamKeys } from '../redis-keys';
import type { TeamIntake } from './team-intake';

export interface NumberPollerOptions {
  number: string;
  client: Pick<PilotClient, 'listCalls' | 'getCall'>;
  intake: Pick<TeamIntake, 'apply'>;
  redis: Redis;
  keys: TeamKeys;
  logger: Logger;
  intervalMs: number;
  activeIntervalMs: number;
  /** Each completed poll (for tests and benchmarks that wait for one). */
  onPolled?: (number: string) => void;
  /**
   * Renews this instance's lease right before each poll; false (lost) stops
   * the poller before it asks Pilot Status, so a lease that lapsed while this
   * process stalled does not give a number two pollers.
   */
  stillHolds?: () => Promise<boolean>;
  /** The poller stopped itself because the lease was lost. */
  onLeaseLost?: (number: string) => void;
}

/** Waits between attempts while Pilot Status keeps failing: exponential to 8 s, at least Retry-After, a minute on a bad key. */
export const retryDelayMs = (failures: number, error: unknown): number => {
  if (error instanceof PilotApiError && error.isAuth) return 60_000;
  const exponential = Math.min(8000, 1000 * 2 ** (failures - 1)) * (0.8 + Math.random() * 0.4);
  return Math.max(error instanceof PilotApiError ? (error.retryAfterMs ?? 0) : 0, Math.min(8000, exponential));
};

/** Remembers the last status written per call, so an unchanged call costs no Redis round trip. */
const ackMemory = 2000;

/**
 * Polls `GET /v1/calls` for one number while this instance holds its lease,
 * and feeds every changed call into the team intake (oldest first). Calls
 * the team still follows as ringing or live but that fell off the first page
 * are fetched one by one, so they can end.
 */
export class NumberPoller {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private failures = 0;
  private readonly acked = new Map<string, string>();
  private current: Promise<void> | null = null;

  constructor(private readonly options: NumberPollerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops after the poll under way (awaited). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.current = this.pollOnce().then((next) => {
        this.current = null;
        this.schedule(next);
      });
    }, delayMs);
  }

  /** One poll; resolves with the delay before the next. */
  private async pollOnce(): Promise<number> {
    const { number, client, intake, redis, keys, logger } = this.options;
    try {
      if (this.options.stillHolds && !(await this.options.stillHolds().catch(() => false))) {
        this.running = false;
        this.options.onLeaseLost?.(number);
        return 0;
      }
      const { calls, rejected } = await client.listCalls({ limit: 25 });
      if (rejected.length > 0) logger.warn({ number, count: rejected.length }, 'call list entries without id or status were skipped');
      for (const call of [...calls].reverse()) {
        const status = call.status.toUpperCase();
        if (this.acked.get(call.id) === status) continue;
        const result = await intake.apply(number, call, 'poll');
        this.remember(call.id, result.call ? String(result.call.status).toUpperCase() : status);
      }
      const listed = new Set(calls.map((c) => c.id));
      const live = (await redis.smembers(keys.live(number))).filter((id) => !listed.has(id));
      for (const id of live) await this.follow(id);
      if (this.failures > 0) logger.info({ number, after: this.failures }, 'Pilot Status reachable again');
      this.failures = 0;
      this.options.onPolled?.(number);
      const liveNow = live.length > 0 || calls.some((c) => statusKind(c) === 'ringing' || statusKind(c) === 'connected');
      return liveNow ? this.options.activeIntervalMs : this.options.intervalMs;
    } catch (error) {
      this.failures += 1;
      logger.warn({ number, code: (error as { code?: string }).code, failures: this.failures }, 'poll failed');
      return retryDelayMs(this.failures, error);
    }
  }

  private async follow(callId: string): Promise<void> {
    const { number, client, intake, redis, keys } = this.options;
    try {
      const call = await client.getCall(callId);
      await intake.apply(number, call, 'poll');
      this.remember(call.id, call.status.toUpperCase());
    } catch (error) {
      // Pilot Status no longer knows the call: stop following it rather than asking forever.
      if (error instanceof PilotApiError && error.status === 404) await redis.srem(keys.live(number), callId);
      else throw error;
    }
  }

  private remember(callId: string, status: string): void {
    this.acked.delete(callId);
    this.acked.set(callId, status);
    if (this.acked.size > ackMemory) this.acked.delete(this.acked.keys().next().value!);
  }
}
