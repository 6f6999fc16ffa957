import type { Logger } from '../../core/logging/logger';
import type { TeamMetrics } from '../metrics';
import type { NumberPoller, NumberPollerOptions } from './number-poller';
import type { PollLease } from './poll-lease';

export interface PollCoordinatorOptions {
  numbers: readonly string[];
  lease: PollLease;
  logger: Logger;
  metrics: TeamMetrics;
  /** The poll period; leases are tried and renewed every quarter period. */
  intervalMs: number;
  /** A poller for a number whose lease this instance holds; `fence` is what it calls before each poll. */
  createPoller: (number: string, fence: Pick<NumberPollerOptions, 'stillHolds' | 'onLeaseLost'>) => NumberPoller;
}

/**
 * Runs this instance's share of the polling: every quarter poll period it
 * renews the leases it holds (stopping a poller whose lease was lost) and
 * tries to take the ones nobody holds, all numbers at once. The lease lives
 * 1.25 periods, so when its holder dies another instance polls within 2
 * periods: the lease lapses at most 1.25 periods after the last renewal and
 * is tried every quarter period (1.5 periods, plus a round trip or two).
 */
export class PollCoordinator {
  private readonly pollers = new Map<string, NumberPoller>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private round: Promise<void> | null = null;

  constructor(private readonly options: PollCoordinatorOptions) {}

  /** The lease TTL for a poll period. */
  static leaseTtlMs(intervalMs: number): number {
    return Math.round(intervalMs * 1.25);
  }

  start(): void {
    this.running = true;
    this.tick();
  }

  held(): string[] {
    return [...this.pollers.keys()];
  }

  /** Stops polling and hands the leases back, so another instance takes over at once. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
    for (const [number, poller] of this.pollers) {
      await poller.stop();
      await this.options.lease.release(number).catch(() => undefined);
    }
    this.pollers.clear();
    this.options.metrics.pollLeases.set(0);
  }

  private tick(): void {
    if (!this.running) return;
    this.round = this.runRound().finally(() => {
      this.round = null;
      if (this.running) this.timer = setTimeout(() => this.tick(), Math.max(25, Math.round(this.options.intervalMs / 4)));
    });
  }

  private async runRound(): Promise<void> {
    const { numbers } = this.options;
    await Promise.all(numbers.map((number) => this.roundFor(number)));
    this.options.metrics.pollLeases.set(this.pollers.size);
  }

  private async roundFor(number: string): Promise<void> {
    const { lease, logger } = this.options;
    if (!this.running) return;
    try {
      const poller = this.pollers.get(number);
      if (poller) {
        // A renewal that cannot be confirmed (Redis unreachable) counts as lost: the lease may lapse meanwhile.
        if (await lease.renew(number).catch(() => false)) return;
        logger.warn({ number }, 'poll lease lost; another instance polls this number now');
        this.pollers.delete(number);
        await poller.stop();
      } else if (await lease.acquire(number)) {
        logger.info({ number }, 'poll lease taken: this instance polls the number');
        const created = this.options.createPoller(number, {
          stillHolds: () => lease.renew(number),
          onLeaseLost: (lost) => {
            if (this.pollers.get(lost) !== created) return;
            logger.warn({ number: lost }, 'poll lease lost before a poll; another instance polls this number now');
            this.pollers.delete(lost);
            this.options.metrics.pollLeases.set(this.pollers.size);
          },
        });
        this.pollers.set(number, created);
        created.start();
      }
    } catch (error) {
      logger.warn({ number, err: error }, 'poll lease round failed');
    }
  }
}
