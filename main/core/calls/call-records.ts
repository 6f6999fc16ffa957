import type { CallView } from '../../../preload/contract';
import type { CallRecord } from '../call-log/call-log-repository';
import { isoTime } from '../clock';
import { statusKind, type PilotCall } from '../pilot/call-schema';
import { normalizePeerNumber } from '../phone';
import type { LineHandle } from './call-service';
import { outcomeOf } from './outcome';
import { parseTime, type TrackedCall } from './tracked-call';

type LineFacts = Pick<LineHandle, 'id' | 'label' | 'provider'>;

/** The call log row of a call the service follows (dialed calls under Pilot's id once known). */
export const logRecordOf = (call: TrackedCall, line: LineFacts): CallRecord => ({
  id: call.pilotId ?? call.id,
  externalId: call.externalId,
  accountId: call.accountId,
  lineLabel: line.label,
  provider: line.provider,
  direction: call.direction,
  peerNumber: call.peerNumber,
  outcome: call.machine.phase === 'ended' ? (call.machine.outcome ?? 'unknown') : null,
  remoteStatus: call.remoteStatus,
  createdAt: call.createdAt,
  connectedAt: call.connectedAt === undefined ? null : Math.round(call.connectedAt),
  endedAt: call.endedAt === undefined ? null : Math.round(call.endedAt),
  durationSeconds: call.durationSeconds ?? null,
});

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

/** Copies what Pilot now says about a call we follow. Server times win over local ones. */
export const absorbPilotCall = (call: TrackedCall, pilotCall: PilotCall): void => {
  call.remoteStatus = pilotCall.status;
  call.externalId = pilotCall.externalCallId ?? call.externalId;
  call.connectedAt = parseTime(pilotCall.connectedAt) ?? call.connectedAt;
  call.endedAt = parseTime(pilotCall.endedAt) ?? call.endedAt;
  if (pilotCall.durationSeconds != null) call.durationSeconds = pilotCall.durationSeconds;
};

/** What the renderer shows of a call. */
export const callViewOf = (call: TrackedCall, line: Pick<LineHandle, 'label' | 'provider'> | undefined): CallView => {
  const view: CallView = {
    id: call.id,
    accountId: call.accountId,
    lineLabel: line?.label ?? '',
    provider: line?.provider ?? 'EVO_GO',
    direction: call.direction,
    peerNumber: call.peerNumber,
    phase: call.machine.phase,
    remoteStatus: call.remoteStatus,
    createdAt: isoTime(call.createdAt),
  };
  if (call.machine.outcome) view.outcome = call.machine.outcome;
  if (call.connectedAt !== undefined) view.connectedAt = isoTime(call.connectedAt);
  if (call.endedAt !== undefined) view.endedAt = isoTime(call.endedAt);
  if (call.durationSeconds !== undefined) view.durationSeconds = call.durationSeconds;
  if (call.error) view.error = call.error;
  if (call.media) {
    view.media = { muted: call.media.muted, held: call.media.held };
    if (call.media.problem) view.media.problem = call.media.problem;
    if (call.media.audioTest) view.media.audioTest = true;
  }
  return view;
};
