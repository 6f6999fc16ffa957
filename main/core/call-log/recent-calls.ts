import type { QuietReason, RecentCall } from '../../../preload/contract';
import type { Handlers } from '../commands/dispatcher';
import { toEntry, type CallRow } from './call-log-repository';
import type { CallLogDatabase } from './database';

/** A call-log row with whether it rang while the agent was away. */
type RecentRow = CallRow & { quiet: QuietReason | null };

/**
 * The newest calls first, walked down the `(created_at, …)` index with the
 * rowid breaking ties, so it costs the same at any log size; whether a call
 * rang while the agent was away comes from its timeline's `quiet` event (one
 * index seek per row shown).
 */
export const recentCallsSql = `
  SELECT id, external_id, account_id, line_label, provider, direction, peer_number, contact_name, outcome, remote_status,
         created_at, connected_at, ended_at, duration_seconds,
         (SELECT detail FROM call_events WHERE call_id = calls.id AND kind = 'quiet' LIMIT 1) AS quiet
  FROM calls
  ORDER BY created_at DESC, seq DESC
  LIMIT ?`;

const toRecentCall = ({ quiet, ...row }: RecentRow): RecentCall => ({ ...toEntry(row), rangWhileAway: quiet });

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
