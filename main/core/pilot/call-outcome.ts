import type { CallOutcome } from '../../../preload/contract';
import type { PilotCall } from './call-schema';

const declined = new Set(['REJECTED', 'DECLINED', 'BUSY']);
const missed = new Set(['MISSED', 'NO_ANSWER', 'TIMEOUT', 'EXPIRED', 'CANCELED', 'CANCELLED']);

/**
 * What an ended call amounts to, from what Pilot Status reported. An unknown
 * final status is `unknown`; the raw status is kept beside it in the log.
 */
export const outcomeOf = (call: Pick<PilotCall, 'status' | 'connectedAt' | 'durationSeconds'>): CallOutcome => {
  const status = call.status.toUpperCase();
  if (declined.has(status)) return 'declined';
  if (missed.has(status)) return 'missed';
  if (status === 'FAILED') return 'failed';
  const wasConnected = Boolean(call.connectedAt) || (call.durationSeconds ?? 0) > 0;
  if (status === 'COMPLETED' || status === 'ENDED' || status === 'TERMINATED') return wasConnected ? 'answered' : 'missed';
  return wasConnected ? 'answered' : 'unknown';
};
