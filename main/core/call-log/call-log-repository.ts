import type { CallLogEntry, CallOutcome, Direction, Provider } from '../../../preload/contract';
import type { CallRecord } from '../call-record';
import { isoTime } from '../clock';
import type { CallLogDatabase } from './database';

export type { CallRecord } from '../call-record';


/** A `calls` row as SQLite returns it. */
export interface CallRow {
  id: string;
  external_id: string | null;
  account_id: string;
  line_label: string;
  provider: Provider;
  direction: Direction;
  peer_number: string;
  contact_name: string | null;
  outcome: CallOutcome | null;
  remote_status: string;
  created_at: number;
  connected_at: number | null;
  ended_at: number | null;
  duration_seconds: number | null;
}

/** A `calls` row as the contract's call-log entry. */
export const toEntry = (row: CallRow): CallLogEntry => ({
  id: row.id,
  externalId: row.external_id,
  accountId: row.account_id,
  lineLabel: row.line_label,
  provider: row.provider,
  direction: row.direction,
  peerNumber: row.peer_number,
  contactName: row.contact_name,
  outcome: row.outcome,
  remoteStatus: row.remote_status,
  createdAt: isoTime(row.created_at),
  connectedAt: row.connected_at === null ? null : isoTime(row.connected_at),
  endedAt: row.ended_at === null ? null : isoTime(row.ended_at),
  durationSeconds: row.duration_seconds,
});

/**
 * The call log: one row per call, upserted as its events arrive. A later
 * event fills in what an earlier one did not know and never blanks a value
 * already recorded (an outcome, once set, stays).
 */
export class CallLogRepository {
  private readonly upsertStatement;
  private readonly getStatement;
  private readonly listStatement;
  private readonly listBeforeStatement;

  /**
   * @param agentName the agent name setting, stamped on a call when it is first logged.
   */
  constructor(
    private readonly db: CallLogDatabase,
    private readonly agentName: () => string | null = () => null,
  ) {
    this.upsertStatement = db.prepare(`
      INSERT INTO calls (id, external_id, account_id, line_label, agent_name, provider, direction, peer_number, contact_name,
                         outcome, remote_status, created_at, connected_at, ended_at, duration_seconds, source, updated_at)
      VALUES (@id, @externalId, @accountId, @lineLabel, @agentName, @provider, @direction, @peerNumber, @contactName,
              @outcome, @remoteStatus, @createdAt, @connectedAt, @endedAt, @durationSeconds, @source, @updatedAt)
      ON CONFLICT (id) DO UPDATE SET
        external_id      = COALESCE(excluded.external_id, calls.external_id),
        contact_name     = COALESCE(calls.contact_name, excluded.contact_name),
        outcome          = COALESCE(calls.outcome, excluded.outcome),
        remote_status    = excluded.remote_status,
        connected_at     = COALESCE(excluded.connected_at, calls.connected_at),
        ended_at         = COALESCE(excluded.ended_at, calls.ended_at),
        duration_seconds = COALESCE(excluded.duration_seconds, calls.duration_seconds),
        updated_at       = excluded.updated_at
    `);
    this.getStatement = db.prepare<[string], CallRow>('SELECT * FROM calls WHERE id = ?');
    this.listStatement = db.prepare<[number], CallRow>('SELECT * FROM calls ORDER BY created_at DESC, seq DESC LIMIT ?');
    this.listBeforeStatement = db.prepare<[number, number], CallRow>(
      'SELECT * FROM calls WHERE created_at < ? ORDER BY created_at DESC, seq DESC LIMIT ?',
    );
  }

  upsert(record: CallRecord, now: number): CallLogEntry {
    this.upsertStatement.run({
      ...record,
      contactName: record.contactName ?? null,
      source: record.source ?? 'live',
      agentName: this.agentName(),
      createdAt: Math.round(record.createdAt),
      updatedAt: Math.round(now),
    });
    const stored = this.get(record.id);
    if (!stored) throw new Error(`call ${record.id} vanished after being written`);
    return stored;
  }

  get(id: string): CallLogEntry | null {
    const row = this.getStatement.get(id);
    return row ? toEntry(row) : null;
  }

  has(id: string): boolean {
    return this.getStatement.get(id) !== undefined;
  }

  /** Newest first; `before` is an ISO time cursor. */
  list(options: { limit?: number; before?: string } = {}): CallLogEntry[] {
    const limit = options.limit ?? 100;
    const rows = options.before
      ? this.listBeforeStatement.all(Date.parse(options.before), limit)
      : this.listStatement.all(limit);
    return rows.map(toEntry);
  }

  close(): void {
    this.db.close();
  }
}
