import type { CallLogEntry } from '../../preload/contract';

/** A call as stored: the log entry with its times in epoch milliseconds. */
export type CallRecord = Omit<CallLogEntry, 'createdAt' | 'connectedAt' | 'endedAt'> & {
  createdAt: number;
  connectedAt: number | null;
  endedAt: number | null;
  /** A name Pilot Status sent with the call, when it sent one. */
  contactName?: string | null;
  /** How the row came to be: seen live, or filled in by reconciliation after the app was away. */
  source?: 'live' | 'reconciled';
};
