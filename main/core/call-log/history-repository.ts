import type { Statement } from 'better-sqlite3';
import type { CallDetail, HistoryEntry, HistoryFilter, HistoryListRow, HistoryPage, HistorySort, HistoryCursor, TimelineEvent } from '../../../preload/contract';
import { isoTime } from '../clock';
import { AppFailure } from '../errors';
import type { CallLogDatabase } from './database';
import { ftsQuery, fullColumns, listColumns, listRowColumns, listRowCursorOf, matchProbeSql, pageSql, scanAboveMatches, type TextPlan } from './history-sql';

/** A `calls` row as the history reads it. */
export interface HistoryRow {
  seq: number;
  id: string;
  external_id: string | null;
  account_id: string;
  line_label: string;
  agent_name: string | null;
  provider: HistoryEntry['provider'];
  direction: HistoryEntry['direction'];
  peer_number: string;
  contact_name: string | null;
  outcome: HistoryEntry['outcome'];
  remote_status: string;
  created_at: number;
  ringing_at: number | null;
  connected_at: number | null;
  ended_at: number | null;
  duration_seconds: number | null;
  talk_seconds: number;
  notes: string;
  disposition: string | null;
  tags: string;
  source: HistoryEntry['source'];
}

const time = (ms: number | null): string | null => (ms === null ? null : isoTime(ms));

export const toHistoryEntry = (row: HistoryRow): HistoryEntry => ({
  id: row.id,
  externalId: row.external_id,
  accountId: row.account_id,
  lineLabel: row.line_label,
  agentName: row.agent_name,
  provider: row.provider,
  direction: row.direction,
  peerNumber: row.peer_number,
  contactName: row.contact_name,
  outcome: row.outcome,
  remoteStatus: row.remote_status,
  createdAt: isoTime(row.created_at),
  ringingAt: time(row.ringing_at),
  connectedAt: time(row.connected_at),
  endedAt: time(row.ended_at),
  durationSeconds: row.duration_seconds,
  notes: row.notes,
  disposition: row.disposition,
  tags: row.tags === '[]' ? [] : (JSON.parse(row.tags) as string[]),
  source: row.source,
});

/** A row as {@link listRowColumns} reads it: the list row with its tags still JSON, and the sort keys. */
type ListRow = Omit<HistoryListRow, 'tags'> & { seq: number; talk_seconds: number; tags: string };

const toListRow = (row: ListRow): HistoryListRow => ({
  id: row.id,
  createdAt: row.createdAt,
  lineLabel: row.lineLabel,
  agentName: row.agentName,
  direction: row.direction,
  peerNumber: row.peerNumber,
  contactName: row.contactName,
  outcome: row.outcome,
  remoteStatus: row.remoteStatus,
  durationSeconds: row.durationSeconds,
  notes: row.notes,
  disposition: row.disposition,
  tags: row.tags === '[]' ? [] : (JSON.parse(row.tags) as string[]),
});

/** A {@link HistoryRow} as the list shows it (the team server's history pages, read from PostgreSQL). */
export const historyRowToListRow = (row: HistoryRow): HistoryListRow => ({
  id: row.id,
  createdAt: Number(row.created_at),
  lineLabel: row.line_label,
  agentName: row.agent_name,
  direction: row.direction,
  peerNumber: row.peer_number,
  contactName: row.contact_name,
  outcome: row.outcome,
  remoteStatus: row.remote_status,
  durationSeconds: row.duration_seconds,
  notes: row.notes,
  disposition: row.disposition,
  tags: row.tags === '[]' ? [] : (JSON.parse(row.tags) as string[]),
});

export interface Annotation {
  notes?: string | undefined;
  disposition?: string | null | undefined;
  tags?: string[] | undefined;
  contactName?: string | null | undefined;
}

const columnOf: Record<keyof Annotation, string> = { notes: 'notes', disposition: 'disposition', tags: 'tags', contactName: 'contact_name' };

/** Tags as stored: trimmed, case-insensitively unique, in the order first given. */
const cleanTags = (tags: readonly string[]): string[] => {
  const seen = new Set<string>();
  return tags.map((t) => t.trim()).filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
};

/**
 * Reads for the history view (keyset pages, one call with its timeline) and
 * the edits people make after a call. Statements are prepared once per
 * distinct SQL text, so repeated pages cost one cached statement lookup.
 */
export class HistoryRepository {
  private readonly statements = new Map<string, Statement>();
  /** Statements that return rows as arrays (kept apart: a statement's row mode is its own). */
  private readonly valueStatements = new Map<string, Statement>();
  private readonly getStatement;
  private readonly timelineStatement;
  private readonly addEvent;
  private readonly notesStatement;

  constructor(private readonly db: CallLogDatabase) {
    this.getStatement = db.prepare<[string], HistoryRow>(`SELECT ${fullColumns} FROM calls WHERE id = ?`);
    this.timelineStatement = db.prepare<[string], { at: number; kind: string; detail: string | null }>(
      'SELECT at, kind, detail FROM call_events WHERE call_id = ? ORDER BY at, rowid',
    );
    this.addEvent = db.prepare('INSERT INTO call_events (call_id, at, kind, detail) VALUES (?, ?, ?, ?)');
    this.notesStatement = db.prepare<[string]>('SELECT notes, disposition FROM calls WHERE id = ?');
  }

  /** A prepared statement for `sql`, kept for reuse: the history has a handful of shapes. */
  statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size > 200) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** The raw rows of one page: notes cut to a preview, whole (`full`) for export (`writeHistoryCsv` reads them). */
  pageRows(filter: HistoryFilter, sort: HistorySort, limit: number, after?: HistoryCursor, full = false): HistoryRow[] {
    const { sql, params } = pageSql(filter, sort, after, full ? fullColumns : listColumns, this.textPlan(filter));
    return this.statement(sql).all({ ...params, limit }) as HistoryRow[];
  }

  /**
   * One page of `columns` (an SQL select list) as arrays of values, for the
   * export: rows as arrays cost SQLite's driver far less than named objects.
   */
  pageValues(columns: string, filter: HistoryFilter, sort: HistorySort, limit: number, after?: HistoryCursor): unknown[][] {
    const { sql, params } = pageSql(filter, sort, after, columns, this.textPlan(filter));
    let statement = this.valueStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql).raw(true);
      if (this.valueStatements.size > 50) this.valueStatements.clear();
      this.valueStatements.set(sql, statement);
    }
    return statement.all({ ...params, limit }) as unknown[][];
  }

  /** Picks how a text search runs by counting its first matches (see {@link TextPlan}). */
  textPlan(filter: HistoryFilter): TextPlan {
    const match = filter.text ? ftsQuery(filter.text) : null;
    if (!match) return 'lookup';
    const { n } = this.statement(matchProbeSql).get({ match }) as { n: number };
    return n > scanAboveMatches ? 'scan' : 'lookup';
  }

  /**
   * One page of the list. Rows come out of SQLite already named as the
   * contract's {@link HistoryListRow}, times as epoch ms: all that is left to
   * do per row is reading its tags.
   */
  page(filter: HistoryFilter, sort: HistorySort, limit: number, after?: HistoryCursor): HistoryPage {
    const { sql, params } = pageSql(filter, sort, after, listRowColumns, this.textPlan(filter));
    const found = this.statement(sql).all({ ...params, limit }) as ListRow[];
    const last = found.at(-1);
    return { rows: found.map(toListRow), next: found.length === limit && last ? listRowCursorOf(last, sort) : null };
  }

  detail(callId: string): CallDetail {
    const row = this.getStatement.get(callId);
    if (!row) throw new AppFailure('CALL_NOT_FOUND', 'That call is not in the call log.');
    const timeline: TimelineEvent[] = this.timelineStatement.all(callId).map((e) => ({ at: isoTime(e.at), kind: e.kind, detail: e.detail }));
    return { ...toHistoryEntry(row), timeline };
  }

  /**
   * The lines the log has calls for: one index seek per line ("next
   * account_id after this one"), so it costs the same at any log size.
   */
  lines(): { accountId: string; label: string }[] {
    const next = this.statement('SELECT account_id AS id FROM calls WHERE account_id > ? ORDER BY account_id LIMIT 1');
    const label = this.statement('SELECT line_label AS label FROM calls WHERE account_id = ? ORDER BY created_at DESC LIMIT 1');
    const lines: { accountId: string; label: string }[] = [];
    for (let row = next.get('') as { id: string } | undefined; row; row = next.get(row.id) as { id: string } | undefined) {
      lines.push({ accountId: row.id, label: (label.get(row.id) as { label: string }).label });
    }
    return lines;
  }

  /** Saves notes, disposition, tags or contact name; the timeline records which fields changed. */
  annotate(callId: string, annotation: Annotation, now: number): CallDetail {
    this.edit(callId, annotation, now);
    return this.detail(callId);
  }

  /** A call's notes and disposition alone (notes in full), or null when the call is not in the log. */
  notesOf(callId: string): { notes: string; disposition: string | null } | null {
    return (this.notesStatement.get(callId) as { notes: string; disposition: string | null } | undefined) ?? null;
  }

  /**
   * Writes an annotation in one transaction. `timeline: false` leaves the call's timeline alone (notes saved
   * as they are typed would add an event every few hundred milliseconds).
   */
  edit(callId: string, annotation: Annotation, now: number, options: { timeline?: boolean } = {}): void {
    const values: Record<keyof Annotation, string | null | undefined> = {
      notes: annotation.notes,
      disposition: annotation.disposition === undefined ? undefined : annotation.disposition || null,
      tags: annotation.tags && JSON.stringify(cleanTags(annotation.tags)),
      contactName: annotation.contactName === undefined ? undefined : annotation.contactName || null,
    };
    const sets: string[] = [];
    const params: Record<string, string | number | null> = { id: callId, now: Math.round(now) };
    for (const [field, value] of Object.entries(values)) {
      if (value === undefined) continue;
      sets.push(`${columnOf[field as keyof Annotation]} = @${field}`);
      params[field] = value;
    }
    this.db.transaction(() => {
      if (!this.getStatement.get(callId)) throw new AppFailure('CALL_NOT_FOUND', 'That call is not in the call log.');
      if (sets.length === 0) return;
      this.statement(`UPDATE calls SET ${sets.join(', ')}, updated_at = @now WHERE id = @id`).run(params);
      if (options.timeline !== false) this.addEvent.run(callId, Math.round(now), 'edited', Object.keys(params).filter((k) => k in columnOf).join(','));
    })();
  }
}
