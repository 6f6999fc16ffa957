import type { Provider } from '../../../preload/contract';
import { isoTime, parseTime, type Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { PilotCall } from '../pilot/call-schema';
import type { PilotClient } from '../pilot/pilot-client';
import type { EventSink } from '../ports';
import type { CallLogRepository } from './call-log-repository';
import type { CallTimeline } from './call-timeline';
import type { CallLogDatabase } from './database';
import { pilotCallRecord } from './pilot-record';

export interface ReconcileLine {
  id: string;
  label: string;
  provider: Provider;
  client: Pick<PilotClient, 'listCalls' | 'getCall'>;
}

export interface ReconcilerDeps {
  db: CallLogDatabase;
  callLog: CallLogRepository;
  timeline: CallTimeline;
  clock: Clock;
  logger: Logger;
  emit: EventSink;
  line: (accountId: string) => ReconcileLine | undefined;
  /** Calls the call service follows live: it owns them, reconciliation leaves them alone. */
  isLive: (callId: string) => boolean;
  pageSize?: number;
  /** Bound on how far back one pass pages (pages × pageSize calls). */
  maxPages?: number;
  /** Paging goes this far past the last reconciled point, for clock skew and late writes. */
  overlapMs?: number;
}

export interface ReconcileResult {
  accountId: string;
  pages: number;
  added: number;
  updated: number;
  /** The pass stopped at its page bound before reaching known calls. */
  truncated: boolean;
}

/**
 * Fills the call log in from `GET /v1/calls` after the app was closed,
 * crashed or offline: pages back (`before` cursor, newest first) until it
 * reaches calls older than the line's last reconciled point, upserting each
 * call by id (so nothing is ever duplicated), then re-reads by id the calls
 * the log still has as unfinished. The reconciled point only moves back to
 * the oldest call still live, so a call that is live now is checked again
 * next time.
 */
export class Reconciler {
  private readonly running = new Map<string, Promise<ReconcileResult>>();
  private readonly readMark;
  private readonly writeMark;
  private readonly unfinished;

  constructor(private readonly deps: ReconcilerDeps) {
    this.readMark = deps.db.prepare<[string], { reconciled_until: number }>('SELECT reconciled_until FROM reconcile_marks WHERE account_id = ?');
    this.writeMark = deps.db.prepare(
      `INSERT INTO reconcile_marks (account_id, reconciled_until, reconciled_at) VALUES (?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET reconciled_until = excluded.reconciled_until, reconciled_at = excluded.reconciled_at`,
    );
    this.unfinished = deps.db.prepare<[string], { id: string; created_at: number }>(
      'SELECT id, created_at FROM calls WHERE account_id = ? AND outcome IS NULL ORDER BY created_at DESC LIMIT 50',
    );
  }

  /** Reconciles one line; a pass already under way for it is shared, not repeated. */
  reconcile(accountId: string): Promise<ReconcileResult> {
    const current = this.running.get(accountId);
    if (current) return current;
    const pass = this.pass(accountId).finally(() => this.running.delete(accountId));
    this.running.set(accountId, pass);
    return pass;
  }

  private async pass(accountId: string): Promise<ReconcileResult> {
    const { pageSize = 100, maxPages = 20, overlapMs = 10 * 60_000 } = this.deps;
    const result: ReconcileResult = { accountId, pages: 0, added: 0, updated: 0, truncated: false };
    const line = this.deps.line(accountId);
    if (!line) return result;
    const startedAt = this.deps.clock.now();
    const mark = this.readMark.get(accountId)?.reconciled_until;
    const floor = mark === undefined ? Number.NEGATIVE_INFINITY : mark - overlapMs;
    let liveFrom = startedAt;
    let before: string | undefined;
    const seen = new Set<string>();
    for (;;) {
      const { calls } = await line.client.listCalls({ limit: pageSize, before });
      result.pages += 1;
      let fresh = 0;
      let oldest = Number.POSITIVE_INFINITY;
      for (const call of calls) {
        if (!seen.has(call.id)) fresh += 1;
        seen.add(call.id);
        const created = parseTime(call.createdAt) ?? parseTime(call.startedAt) ?? startedAt;
        oldest = Math.min(oldest, created);
        liveFrom = this.apply(line, call, result) ? liveFrom : Math.min(liveFrom, created);
      }
      if (calls.length < pageSize || oldest < floor) break;
      if (result.pages >= maxPages) {
        result.truncated = true;
        break;
      }
      // Calls sharing the oldest millisecond may straddle pages: ask again from just after it, unless that brought nothing new.
      if (fresh === 0) {
        // The cursor is a time: past a full page of calls in one millisecond, the rest of them cannot be paged to.
        this.deps.logger.warn({ accountId, at: isoTime(oldest), pageSize }, 'more calls share one millisecond than a page holds; some may be skipped');
      }
      before = isoTime(fresh > 0 ? oldest + 1 : oldest);
    }
    for (const row of this.unfinished.all(accountId)) {
      if (seen.has(row.id) || this.deps.isLive(row.id)) continue;
      try {
        if (!this.apply(line, await line.client.getCall(row.id), result)) liveFrom = Math.min(liveFrom, row.created_at);
      } catch (error) {
        this.deps.logger.warn({ callId: row.id, code: (error as { code?: string }).code }, 'unfinished call could not be re-read');
      }
    }
    this.writeMark.run(accountId, Math.round(liveFrom), Math.round(this.deps.clock.now()));
    if (result.truncated) this.deps.logger.warn({ accountId, pages: result.pages }, 'reconciliation stopped at its bound; older calls were not filled in');
    this.deps.logger.info(result, 'call log reconciled');
    if (result.added + result.updated > 0) this.deps.emit('history.reconciled', { accountId, added: result.added, updated: result.updated });
    return result;
  }

  /** Writes one call if it is new or changed; returns whether it has ended. */
  private apply(line: ReconcileLine, call: PilotCall, result: ReconcileResult): boolean {
    const now = this.deps.clock.now();
    const record = pilotCallRecord(line, call, now, 'reconciled');
    if (this.deps.isLive(call.id)) return false;
    const existing = this.deps.callLog.get(call.id);
    const changed =
      !existing ||
      (existing.outcome === null && record.outcome !== null) ||
      existing.remoteStatus !== record.remoteStatus ||
      (existing.durationSeconds === null && record.durationSeconds !== null);
    if (changed) {
      const entry = this.deps.callLog.upsert(record, now);
      if (existing) {
        result.updated += 1;
        this.deps.timeline.record(call.id, 'reconciled', record.remoteStatus, now);
      } else {
        result.added += 1;
        this.deps.timeline.record(call.id, 'created', null, record.createdAt);
        if (record.connectedAt !== null) this.deps.timeline.record(call.id, 'connected', null, record.connectedAt);
        if (record.endedAt !== null) this.deps.timeline.record(call.id, 'ended', record.outcome, record.endedAt);
        this.deps.timeline.record(call.id, 'reconciled', record.remoteStatus, now);
      }
      this.deps.emit('log.changed', entry);
    }
    return record.outcome !== null;
  }
}
