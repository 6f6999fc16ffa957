import { pilotCallRecord } from '../../core/call-log/pilot-record';
import { pilotCallSchema } from '../../core/pilot/call-schema';
import type { CallTeamEvent } from '../../core/team/protocol';
import type { TeamNumberConfig } from '../config';

/** The values of one upsert of a call from a stream entry. */
export type CallRowValues = (string | number | null)[];

/**
 * Upserts what an event says about a call, with the app's call-log rules
 * (`pilotCallRecord`, as the local log writes a call it met from Pilot
 * Status): a later event fills in what an earlier one did not know and
 * never blanks a value; an outcome, once set, stays; the first agent to
 * answer stays the one who answered. The status is taken only from an
 * entry later in the stream than the one last applied, so an entry
 * replayed late (after an instance died) cannot move a call backwards.
 */
export const upsertCallSql = `
  INSERT INTO calls (id, external_id, account_id, line_label, agent_id, agent_name, provider, direction, peer_number, contact_name,
                     outcome, remote_status, created_at, ringing_at, connected_at, ended_at, duration_seconds, event_ms, event_seq, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
  ON CONFLICT (id) DO UPDATE SET
    external_id      = coalesce(excluded.external_id, calls.external_id),
    agent_id         = coalesce(calls.agent_id, excluded.agent_id),
    agent_name       = coalesce(calls.agent_name, excluded.agent_name),
    contact_name     = coalesce(calls.contact_name, excluded.contact_name),
    outcome          = coalesce(calls.outcome, excluded.outcome),
    remote_status    = CASE WHEN (excluded.event_ms, excluded.event_seq) > (calls.event_ms, calls.event_seq) THEN excluded.remote_status ELSE calls.remote_status END,
    created_at       = least(calls.created_at, excluded.created_at),
    ringing_at       = coalesce(calls.ringing_at, excluded.ringing_at),
    connected_at     = coalesce(excluded.connected_at, calls.connected_at),
    ended_at         = coalesce(excluded.ended_at, calls.ended_at),
    duration_seconds = coalesce(excluded.duration_seconds, calls.duration_seconds),
    event_ms         = greatest(calls.event_ms, excluded.event_ms),
    event_seq        = CASE WHEN (excluded.event_ms, excluded.event_seq) > (calls.event_ms, calls.event_seq) THEN excluded.event_seq ELSE calls.event_seq END,
    updated_at       = excluded.updated_at`;

/** The upsert values for a call entry with stream id `streamId`; null when the entry names no known number or no readable call. */
export const callRowValues = (event: CallTeamEvent, streamId: string, numbers: ReadonlyMap<string, TeamNumberConfig>, now: number): CallRowValues | null => {
  const number = numbers.get(event.number);
  const call = pilotCallSchema.safeParse(event.call);
  if (!number || !call.success) return null;
  const record = pilotCallRecord({ id: number.id, label: number.label, provider: number.provider }, call.data, event.at);
  const [ms = 0, seq = 0] = streamId.split('-').map(Number);
  return [
    record.id,
    record.externalId,
    record.accountId,
    record.lineLabel,
    event.answeredBy?.agentId ?? null,
    event.answeredBy?.name ?? null,
    record.provider,
    record.direction,
    record.peerNumber,
    record.contactName ?? null,
    record.outcome,
    record.remoteStatus,
    Math.round(record.createdAt),
    event.type === 'ringing' ? Math.round(event.at) : null,
    record.connectedAt,
    record.endedAt,
    record.durationSeconds,
    ms,
    seq,
    Math.round(now),
  ];
};
