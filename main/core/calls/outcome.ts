import type { CallOutcome, Direction } from '../../../preload/contract';
import type { PilotCall } from '../pilot/call-schema';

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

/**
 * The i18n key for how a call ended, as the agent reads it: an outbound call
 * the customer did not pick up is "not answered", not "missed" (a missed call
 * is a customer nobody answered). The renderer words it the same way
 * (renderer/src/lib/outcome-label.ts; it cannot import runtime code from here).
 */
export const outcomeLabelKey = (direction: Direction, outcome: CallOutcome | null): string =>
  direction === 'OUTBOUND' && outcome === 'missed' ? 'outcome.notAnswered' : `outcome.${outcome ?? 'live'}`;
