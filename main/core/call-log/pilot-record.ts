import { parseTime } from '../clock';
import { normalizePeerNumber } from '../phone';
import { outcomeOf } from '../pilot/call-outcome';
import { statusKind, type PilotCall } from '../pilot/call-schema';
import type { LineFacts } from '../ports';
import type { CallRecord } from '../call-record';

/** Field names a name might arrive under; none is documented (contract §3 keeps unknown fields). */
const nameFields = ['contactName', 'peerName', 'profileName', 'name'] as const;

const contactNameOf = (call: PilotCall): string | null => {
  for (const field of nameFields) {
    const value = (call as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 120);
  }
  return null;
};

/** The call log row of a call met past ringing (it never rang here): all from what Pilot says. */
export const untrackedRecordOf = (pilotCall: PilotCall, line: LineFacts, now: number): CallRecord => {
  const connectedAt = parseTime(pilotCall.connectedAt);
  const endedAt = parseTime(pilotCall.endedAt);
  return {
    id: pilotCall.id,
    externalId: pilotCall.externalCallId ?? null,
    accountId: line.id,
    lineLabel: line.label,
    provider: line.provider,
    direction: pilotCall.direction?.toUpperCase() === 'OUTBOUND' ? 'OUTBOUND' : 'INBOUND',
    peerNumber: normalizePeerNumber(pilotCall.peerNumber),
    outcome: statusKind(pilotCall) === 'ended' ? outcomeOf(pilotCall) : null,
    remoteStatus: pilotCall.status,
    createdAt: parseTime(pilotCall.createdAt) ?? parseTime(pilotCall.startedAt) ?? now,
    connectedAt: connectedAt ?? null,
    endedAt: endedAt ?? null,
    durationSeconds: pilotCall.durationSeconds ?? (connectedAt && endedAt ? Math.round((endedAt - connectedAt) / 1000) : null),
  };
};

/**
 * A call-log record from a call as Pilot Status reports it, for a call the
 * app did not follow live (the call service's own rule for such calls), plus
 * a contact name when Pilot sent one and how the row came to be.
 */
export const pilotCallRecord = (line: LineFacts, call: PilotCall, now: number, source: CallRecord['source'] = 'live'): CallRecord => ({
  ...untrackedRecordOf(call, line, now),
  contactName: contactNameOf(call),
  source,
});
