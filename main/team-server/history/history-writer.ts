import type { Redis } from 'ioredis';
import type { Logger } from '../../core/logging/logger';
import type { TeamEvent } from '../../core/team/protocol';
import type { TeamNumberConfig } from '../config';
import type { TeamMetrics } from '../metrics';
import type { TeamKeys } from '../redis-keys';
import { callRowValues, upsertCallSql } from './call-row';
import type { Pool } from './pg-pool';

export interface HistoryWriterOptions {
  /** A connection of its own: XREADGROUP blocks it. */
  redis: Redis;
  pool: Pool;
  keys: TeamKeys;
  consumer: string;
  numbers: ReadonlyMap<string, TeamNumberConfig>;
  logger: Logger;
  metrics: TeamMetrics;
  /** Entries another consumer holds this long unacknowledged are taken over (it is presumed dead). */
  claimIdleMs?: number;
  batchSize?: number;
}

type StreamEntries = [id: string, fields: string[]][];

/**
 * Writes every call entry of the team stream into PostgreSQL, through a
 * Redis consumer group: each entry is acknowledged only after its upsert
 * committed, and entries a dead instance had taken but not acknowledged are
 * claimed by a live one after `claimIdleMs`. Upserts are idempotent, so an
 * entry written twice (claimed from a consumer that was only slow) changes
 * nothing. Together: nothing reaches the stream without reaching the history.
 */
export class HistoryWriter {
  private running = false;
  private loop: Promise<void> | null = null;
  private lastClaim = 0;
  private lastCleanup = 0;

  constructor(private readonly options: HistoryWriterOptions) {}

  async start(): Promise<void> {
    const { redis, keys } = this.options;
    try {
      // From the stream's start: entries written before the first writer existed are history too.
      await redis.xgroup('CREATE', keys.stream, keys.historyGroup, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.options.redis.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { redis, keys, consumer, logger } = this.options;
    const batch = this.options.batchSize ?? 200;
    const claimIdleMs = this.options.claimIdleMs ?? 5000;
    while (this.running) {
      try {
        if (Date.now() - this.lastClaim >= Math.min(claimIdleMs, 2000)) {
          this.lastClaim = Date.now();
          const [, claimed] = (await redis.xautoclaim(keys.stream, keys.historyGroup, consumer, claimIdleMs, '0-0', 'COUNT', batch)) as [string, StreamEntries];
          if (claimed.length > 0) {
            logger.info({ count: claimed.length }, 'history entries taken over from a consumer that stopped');
            await this.write(claimed);
          }
        }
        if (Date.now() - this.lastCleanup >= 60_000) {
          this.lastCleanup = Date.now();
          await this.forgetGoneConsumers();
        }
        const reply = (await redis.xreadgroup('GROUP', keys.historyGroup, consumer, 'COUNT', batch, 'BLOCK', 1000, 'STREAMS', keys.stream, '>')) as
          | [string, StreamEntries][]
          | null;
        const entries = reply?.[0]?.[1] ?? [];
        if (entries.length > 0) await this.write(entries);
      } catch (error) {
        if (!this.running) return;
        logger.warn({ err: error }, 'history writer failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /**
   * Every instance that ever ran is a consumer of the group: those idle for
   * an hour with nothing pending (their entries were taken over) are removed,
   * so the group does not grow with every restart.
   */
  private async forgetGoneConsumers(): Promise<void> {
    const { redis, keys, consumer } = this.options;
    const consumers = (await redis.xinfo('CONSUMERS', keys.stream, keys.historyGroup)) as unknown[][];
    for (const fields of consumers) {
      const info = Object.fromEntries(fields.reduce<[string, unknown][]>((pairs, value, i, all) => (i % 2 === 0 ? [...pairs, [String(value), all[i + 1]]] : pairs), []));
      if (info.name !== consumer && Number(info.pending) === 0 && Number(info.idle) > 3_600_000) {
        await redis.xgroup('DELCONSUMER', keys.stream, keys.historyGroup, String(info.name));
      }
    }
  }

  /** Upserts the call entries of a batch in one transaction, then acknowledges the whole batch. */
  private async write(entries: StreamEntries): Promise<void> {
    const { pool, redis, keys, numbers, metrics, logger } = this.options;
    const now = Date.now();
    const rows: (string | number | null)[][] = [];
    for (const [id, fields] of entries) {
      // Deleted (trimmed) entries come back from XAUTOCLAIM with no fields.
      const json = fields?.[1];
      if (!json) continue;
      let event: TeamEvent;
      try {
        event = JSON.parse(json) as TeamEvent;
      } catch {
        logger.error({ id }, 'unreadable stream entry skipped');
        continue;
      }
      if (event.kind !== 'call') continue;
      const values = callRowValues(event, id, numbers, now);
      if (values) rows.push(values);
      else logger.warn({ id, number: event.number }, 'call entry for an unknown number or without a call skipped');
    }
    if (rows.length > 0) {
      // One lock order for every writer (by call id, stream order kept within a call): concurrent batches never deadlock.
      rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const values of rows) await client.query(upsertCallSql, values);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      metrics.historyWrites.inc(rows.length);
    }
    await redis.xack(keys.stream, keys.historyGroup, ...entries.map(([id]) => id));
  }
}
