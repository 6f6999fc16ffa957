import type { Provider } from '../../../preload/contract';
import { outcomeOf } from '../calls/outcome';
import { statusKind, type PilotCall } from '../pilot/call-schema';
import { normalizePeerNumber } from '../phone';
import type { CallRecord } from './call-log-repository';

/** ISO time to epoch ms; undefined when missing or unreadable. */
export const parsePilotTime = (value: string | null | undefined): number | undefined => {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

/** Field names a name might arrive under; none is documented (contract §3 keeps unknown fields). */
const nameFields = ['contactName', 'peerName', 'profileName', 'name'] as const;

const contactNameOf = (call: PilotCall): string | null => {
  for (const field of nameFields) {
    const value = (call as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 120);
  }
  return null;
};

/**
 * A call-log record from a call as Pilot Status reports it, for a call the
 * app did not follow live: its outcome comes from Pilot's final status (null
 * while it has not ended).
 */
export const pilotCallRecord = (
  line: { id: string; label: string; provider: Provider },
  call: PilotCall,
  now: number,
  source: CallRecord['source'] = 'live',
): CallRecord => {
  const connectedAt = parsePilotTime(call.connectedAt);
  const endedAt = parsePilotTime(call.endedAt);
  return {
    id: call.id,
    externalId: call.externalCallId ?? null,
    accountId: line.id,
    lineLabel: line.label,
    provider: line.provider,
    direction: call.direction?.toUpperCase() === 'OUTBOUND' ? 'OUTBOUND' : 'INBOUND',
    peerNumber: normalizePeerNumber(call.peerNumber),
    contactName: contactNameOf(call),
    outcome: statusKind(call) === 'ended' ? outcomeOf(call) : null,
    remoteStatus: call.status,
    createdAt: parsePilotTime(call.createdAt) ?? parsePilotTime(call.startedAt) ?? now,
    connectedAt: connectedAt ?? null,
    endedAt: endedAt ?? null,
    durationSeconds: call.durationSeconds ?? (connectedAt && endedAt ? Math.round((endedAt - connectedAt) / 1000) : null),
    source,
  };
};
