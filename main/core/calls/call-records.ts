import type { CallView } from '../../../preload/contract';
import type { CallRecord } from '../call-record';
import { isoTime, parseTime } from '../clock';
import { AppFailure } from '../errors';
import { isKnownStatus, statusKind, type PilotCall } from '../pilot/call-schema';
import type { LineFacts } from '../ports';
import { normalizePeerNumber } from '../phone';
import type { NewCall, TrackedCall } from './tracked-call';

/** The call log row of a call the service follows (dialed calls under Pilot's id once known). */
export const logRecordOf = (call: TrackedCall, line: LineFacts): CallRecord => ({
  id: call.pilotId ?? call.id,
  externalId: call.externalId,
  accountId: call.accountId,
  lineLabel: line.label,
  provider: call.provider,
  direction: call.direction,
  peerNumber: call.peerNumber,
  outcome: call.machine.phase === 'ended' ? (call.machine.outcome ?? 'unknown') : null,
  remoteStatus: call.remoteStatus,
  createdAt: call.createdAt,
  connectedAt: call.connectedAt === undefined ? null : Math.round(call.connectedAt),
  endedAt: call.endedAt === undefined ? null : Math.round(call.endedAt),
  durationSeconds: call.durationSeconds ?? null,
});

/** A call Pilot Status reported, as the call service starts following it. Server times win over `now`. */
export const callFactsOf = (accountId: string, pilotCall: PilotCall, direction: TrackedCall['direction'], now: number): NewCall => ({
  id: pilotCall.id,
  pilotId: pilotCall.id,
  externalId: pilotCall.externalCallId ?? null,
  accountId,
  direction,
  peerNumber: normalizePeerNumber(pilotCall.peerNumber),
  remoteStatus: pilotCall.status,
  createdAt: parseTime(pilotCall.createdAt) ?? parseTime(pilotCall.startedAt) ?? now,
});

/** Copies what Pilot now says about a call we follow. Server times win over local ones. */
export const absorbPilotCall = (call: TrackedCall, pilotCall: PilotCall): void => {
  call.remoteStatus = pilotCall.status;
  call.remoteKind = statusKind(pilotCall);
  call.externalId = pilotCall.externalCallId ?? call.externalId;
  call.connectedAt = parseTime(pilotCall.connectedAt) ?? call.connectedAt;
  call.endedAt = parseTime(pilotCall.endedAt) ?? call.endedAt;
  if (pilotCall.durationSeconds != null) call.durationSeconds = pilotCall.durationSeconds;
};

/** Another agent answered and is still on the call, so a supervisor may listen in. */
export const liveElsewhere = (call: TrackedCall): boolean =>
  call.machine.phase === 'ended' && call.machine.outcome === 'answered-elsewhere' && call.remoteKind === 'connected';

/**
 * Pilot Status last reported a status the app does not know for a call not over yet (a live call keeps its
 * `connectedAt`, so the status itself is what tells).
 */
export const statusUnknown = (call: Pick<TrackedCall, 'remoteStatus' | 'machine'>): boolean =>
  call.remoteStatus !== '' && !isKnownStatus(call.remoteStatus) && call.machine.phase !== 'ended';

/** Answering needs a call known to ring: refused, naming the status, while Pilot Status reports one the app does not know. */
export const assertAnswerable = (call: TrackedCall): void => {
  if (!statusUnknown(call)) return;
  throw new AppFailure('CALL_STATUS_UNKNOWN', `Pilot Status reports this call as "${call.remoteStatus}", which the app does not know, so it cannot be answered here.`, {
    status: call.remoteStatus,
  });
};

/** What the renderer shows of a call. */
export const callViewOf = (call: TrackedCall, lineLabel: string): CallView => {
  const view: CallView = {
    id: call.id,
    accountId: call.accountId,
    lineLabel,
    provider: call.provider,
    features: call.features,
    direction: call.direction,
    peerNumber: call.peerNumber,
    phase: call.machine.phase,
    remoteStatus: call.remoteStatus,
    createdAt: isoTime(call.createdAt),
    media: call.driver.view(),
  };
  if (call.contactName) view.contactName = call.contactName;
  if (call.machine.outcome) view.outcome = call.machine.outcome;
  if (call.connectedAt !== undefined) view.connectedAt = isoTime(call.connectedAt);
  if (call.endedAt !== undefined) view.endedAt = isoTime(call.endedAt);
  if (call.durationSeconds !== undefined) view.durationSeconds = call.durationSeconds;
  if (call.error) view.error = call.error;
  if (call.driver.listenIn && liveElsewhere(call)) view.listenable = true;
  // A lost race says who won (CALL_ANSWERED_ELSEWHERE) before the team's event does.
  const answeredBy = call.answeredBy ?? call.error?.details?.answeredBy;
  if (typeof answeredBy === 'string') view.answeredBy = answeredBy;
  if (statusUnknown(call)) view.statusUnknown = true;
  if (call.quiet) view.quiet = call.quiet;
  if (call.pilotId) view.logId = call.pilotId;
  return view;
};
