import type { CallLogEntry } from '../../preload/contract';

/** A call as stored: the log entry with its times in epoch milliseconds. */
export type CallRecord = Omit<CallLogEntry, 'createdAt' | 'connectedAt' | 'endedAt' | 'contactName'> & {
  createdAt: number;
  connectedAt: number | null;
  endedAt: number | null;
  /** The customer's name: the contact's (filled in when the call is logged), else one Pilot Status sent. */
  contactName?: string | null;
  /** How the row came to be: seen live, or filled in by reconciliation after the app was away. */
  source?: 'live' | 'reconciled';
};
