import type { CallLogDatabase } from '../call-log/database';

export interface CallTimelineForSupport {
  id: string;
  externalId: string | null;
  provider: string;
  direction: string;
  /** Only the country code and last four digits: support needs the call, not the customer. */
  peer: string;
  outcome: string | null;
  remoteStatus: string;
  createdAt: string;
  connectedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  timeline: { at: string; kind: string; detail: string | null }[];
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** `+5511987654321` → `+55…4321`. */
export const maskNumber = (number: string): string => {
  const digits = number.replace(/\D/g, '');
  if (digits.length <= 6) return '…';
  return `${number.startsWith('+') ? '+' : ''}${digits.slice(0, 2)}…${digits.slice(-4)}`;
};

interface CallRow {
  id: string;
  external_id: string | null;
  provider: string;
  direction: string;
  peer_number: string;
  outcome: string | null;
  remote_status: string;
  created_at: number;
  connected_at: number | null;
  ended_at: number | null;
  duration_seconds: number | null;
}

/** The last calls with their signalling timeline (ringing, status changes, errors), newest first. */
export const recentCallTimelines = (db: CallLogDatabase, limit = 20): CallTimelineForSupport[] => {
  const calls = db
    .prepare('SELECT id, external_id, provider, direction, peer_number, outcome, remote_status, created_at, connected_at, ended_at, duration_seconds FROM calls ORDER BY created_at DESC LIMIT ?')
    .all(limit) as CallRow[];
  const events = db.prepare('SELECT at, kind, detail FROM call_events WHERE call_id = ? ORDER BY at, rowid');
  return calls.map((row) => ({
    id: row.id,
    externalId: row.external_id,
    provider: row.provider,
    direction: row.direction,
    peer: maskNumber(row.peer_number),
    outcome: row.outcome,
    remoteStatus: row.remote_status,
    createdAt: iso(row.created_at)!,
    connectedAt: iso(row.connected_at),
    endedAt: iso(row.ended_at),
    durationSeconds: row.duration_seconds,
    timeline: (events.all(row.id) as { at: number; kind: string; detail: string | null }[]).map((event) => ({ at: iso(event.at)!, kind: event.kind, detail: event.detail })),
  }));
};
