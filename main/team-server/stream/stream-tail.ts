import type { Redis } from 'ioredis';
import type { Logger } from '../../core/logging/logger';
import type { TeamKeys } from '../redis-keys';
import { lastStreamId, readEntries, type StreamEntry } from './stream-entry';

export interface StreamTailOptions {
  /** A connection of its own: XREAD BLOCK holds it. */
  redis: Redis;
  keys: TeamKeys;
  logger: Logger;
  onEntries: (entries: StreamEntry[]) => void;
}

/**
 * This instance's one reader of the team stream: from the newest entry at
 * start, every entry in order, handed to the agent hub. One blocking read
 * serves all of the instance's agents, so Redis load does not grow with them.
 */
export class StreamTail {
  private running = false;
  private loop: Promise<void> | null = null;
  private positionId = '0-0';

  constructor(private readonly options: StreamTailOptions) {}

  /** Resolves once the starting position is known (entries after it will all be delivered). */
  async start(): Promise<void> {
    this.positionId = await lastStreamId(this.options.redis, this.options.keys);
    this.running = true;
    this.loop = this.run();
  }

  /** The id of the last entry handed over. */
  position(): string {
    return this.positionId;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.options.redis.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { redis, keys, logger, onEntries } = this.options;
    while (this.running) {
      try {
        const reply = (await redis.xread('COUNT', 1000, 'BLOCK', 1000, 'STREAMS', keys.stream, this.positionId)) as [string, [string, string[]][]][] | null;
        const raw = reply?.[0]?.[1];
        if (!raw || raw.length === 0) continue;
        this.positionId = raw.at(-1)![0];
        onEntries(readEntries(raw));
      } catch (error) {
        if (!this.running) return;
        logger.warn({ err: error }, 'reading the team stream failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
}
