import type { CallDetail, HistoryCursor, HistoryFilter, HistoryPage, HistorySort, HistoryStats, TimelineEvent } from '../../../preload/contract';
import { historyRowToListRow, toHistoryEntry, type HistoryRow } from '../../core/call-log/history-repository';
import { cursorOf, fullColumns, listColumns } from '../../core/call-log/history-sql';
import { assembleStats, statsQueries, type StatsBucketRow, type StatsLineRow } from '../../core/call-log/history-stats';
import { isoTime } from '../../core/clock';
import type { Pool } from './pg-pool';
import { teamPageSql, teamWhere, toPositional } from './history-pg-sql';

/** Who is asking: a supervisor sees every number, an agent only theirs. */
export interface HistoryScope {
  numbers?: readonly string[];
}

export interface TeamAnnotation {
  notes?: string | undefined;
  disposition?: string | null | undefined;
  tags?: string[] | undefined;
  contactName?: string | null | undefined;
  editedAt: number;
}

type DetailRow = HistoryRow & { annotated_at: number | null; annotated_by: string | null };

/** Tags as the local log stores them: trimmed, case-insensitively unique, first spelling kept. */
const cleanTags = (tags: readonly string[]): string[] => {
  const seen = new Set<string>();
  return tags.map((t) => t.trim()).filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
};

/**
 * The team history in PostgreSQL, answering the same requests as the app's
 * local history (filters, search, sort, keyset cursor, stats, detail), with
 * the local history's own SQL pieces where the two databases agree and the
 * same row mapping, so the app shows both alike.
 */
export class TeamHistory {
  constructor(private readonly pool: Pool) {}

  /** The raw rows of one page (notes cut to a preview unless `full`), e.g. for the CSV export. */
  async pageRows(filter: HistoryFilter, sort: HistorySort, limit: number, after: HistoryCursor | undefined, full = false, scope: HistoryScope = {}): Promise<HistoryRow[]> {
    const { sql, params } = teamPageSql(filter, sort, after, full ? fullColumns : listColumns, scope.numbers);
    const { text, values } = toPositional(sql, { ...params, limit });
    return (await this.pool.query<HistoryRow>(text, values)).rows;
  }

  async page(filter: HistoryFilter, sort: HistorySort, limit: number, after?: HistoryCursor, scope: HistoryScope = {}): Promise<HistoryPage> {
    const rows = await this.pageRows(filter, sort, limit, after, false, scope);
    const last = rows.at(-1);
    return { rows: rows.map(historyRowToListRow), next: rows.length === limit && last ? cursorOf(last, sort) : null };
  }

  async count(filter: HistoryFilter, scope: HistoryScope = {}): Promise<number> {
    const where = teamWhere(filter, scope.numbers);
    const { text, values } = toPositional(`SELECT count(*) AS n FROM calls ${where.sql}`, where.params);
    return (await this.pool.query<{ n: number }>(text, values)).rows[0]!.n;
  }

  async stats(filter: HistoryFilter, scope: HistoryScope = {}): Promise<HistoryStats> {
    const where = teamWhere(filter, scope.numbers);
    const queries = statsQueries(where.sql);
    const perLine = toPositional(queries.perLine, where.params);
    const buckets = toPositional(queries.buckets, where.params);
    const [lines, times] = await Promise.all([
      this.pool.query<StatsLineRow>(perLine.text, perLine.values),
      this.pool.query<StatsBucketRow>(buckets.text, buckets.values),
    ]);
    return assembleStats(lines.rows, times.rows);
  }

  /** One call with a timeline made from its times (the team history keeps no per-event log). */
  async detail(callId: string, scope: HistoryScope = {}): Promise<CallDetail | null> {
    const { rows } = await this.pool.query<DetailRow>(`SELECT ${fullColumns}, annotated_at, annotated_by FROM calls WHERE id = $1`, [callId]);
    const row = rows[0];
    if (!row || (scope.numbers && !scope.numbers.includes(row.account_id))) return null;
    const timeline: TimelineEvent[] = [];
    if (row.ringing_at !== null) timeline.push({ at: isoTime(row.ringing_at), kind: 'ringing', detail: null });
    if (row.connected_at !== null) timeline.push({ at: isoTime(row.connected_at), kind: 'connected', detail: row.agent_name });
    if (row.ended_at !== null) timeline.push({ at: isoTime(row.ended_at), kind: 'ended', detail: row.outcome });
    if (row.annotated_at !== null) timeline.push({ at: isoTime(row.annotated_at), kind: 'edited', detail: row.annotated_by });
    timeline.sort((a, b) => a.at.localeCompare(b.at));
    return { ...toHistoryEntry(row), timeline };
  }

  /** The number a call is on, or null when the history does not have it. */
  async numberOf(callId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ account_id: string }>('SELECT account_id FROM calls WHERE id = $1', [callId]);
    return rows[0]?.account_id ?? null;
  }

  /**
   * Saves what an agent wrote about a call. Idempotent and order-proof: the
   * edit with the latest `editedAt` wins, so an upload repeated, or an old
   * backlog arriving after a newer edit, changes nothing. Returns whether
   * this upload was the one applied (false: a newer edit is already there).
   */
  async annotate(callId: string, annotation: TeamAnnotation, agentName: string, now: number): Promise<{ applied: boolean; found: boolean }> {
    const sets: string[] = [];
    const values: (string | number | null)[] = [callId, Math.round(annotation.editedAt), agentName, Math.round(now)];
    const set = (column: string, value: string | null) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (annotation.notes !== undefined) set('notes', annotation.notes);
    if (annotation.disposition !== undefined) set('disposition', annotation.disposition?.trim() || null);
    if (annotation.tags !== undefined) set('tags', JSON.stringify(cleanTags(annotation.tags)));
    if (annotation.contactName !== undefined) set('contact_name', annotation.contactName?.trim() || null);
    const { rowCount } = await this.pool.query(
      `UPDATE calls SET ${[...sets, 'annotated_at = $2', 'annotated_by = $3', 'updated_at = $4'].join(', ')}
       WHERE id = $1 AND (annotated_at IS NULL OR annotated_at <= $2)`,
      values,
    );
    if (rowCount) return { applied: true, found: true };
    return { applied: false, found: (await this.numberOf(callId)) !== null };
  }
}
