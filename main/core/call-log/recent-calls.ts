import type { CallOutcome, Direction, Provider, QuietReason, RecentCall } from '../../../preload/contract';
import { isoTime } from '../clock';
import type { Handlers } from '../commands/dispatcher';
import type { CallLogDatabase } from './database';

interface RecentRow {
  id: string;
  account_id: string;
  line_label: string;
  provider: Provider;
  direction: Direction;
  peer_number: string;
  contact_name: string | null;
  outcome: CallOutcome | null;
  remote_status: string;
  created_at: number;
  duration_seconds: number | null;
  quiet: QuietReason | null;
}

/**
 * The newest calls first, walked down the `(created_at, …)` index with the
 * rowid breaking ties, so it costs the same at any log size; whether a call
 * rang while the agent was away comes from its timeline's `quiet` event (one
 * index seek per row shown).
 */
export const recentCallsSql = `
  SELECT id, account_id, line_label, provider, direction, peer_number, contact_name, outcome, remote_status, created_at, duration_seconds,
         (SELECT detail FROM call_events WHERE call_id = calls.id AND kind = 'quiet' LIMIT 1) AS quiet
  FROM calls
  ORDER BY created_at DESC, seq DESC
  LIMIT ?`;

const toRecentCall = (row: RecentRow): RecentCall => ({
  id: row.id,
  accountId: row.account_id,
  lineLabel: row.line_label,
  provider: row.provider,
  direction: row.direction,
  peerNumber: row.peer_number,
  contactName: row.contact_name,
  outcome: row.outcome,
  remoteStatus: row.remote_status,
  createdAt: isoTime(row.created_at),
  durationSeconds: row.duration_seconds,
  rangWhileAway: row.quiet,
});

/** The agent's last calls, for the Recent list. */
export class RecentCalls {
  private readonly statement;

  constructor(db: CallLogDatabase) {
    this.statement = db.prepare<[number], RecentRow>(recentCallsSql);
  }

  list(limit: number): RecentCall[] {
    return this.statement.all(limit).map(toRecentCall);
  }

  handlers(): Handlers<'recent.list'> {
    return { 'recent.list': ({ limit }) => this.list(limit) };
  }
}
