import type { Provider } from '../../../preload/contract';
import { untrackedRecordOf } from '../calls/call-records';
import type { PilotCall } from '../pilot/call-schema';
import type { CallRecord } from './call-log-repository';

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
 * app did not follow live (the call service's own rule for such calls), plus
 * a contact name when Pilot sent one and how the row came to be.
 */
export const pilotCallRecord = (
  line: { id: string; label: string; provider: Provider },
  call: PilotCall,
  now: number,
  source: CallRecord['source'] = 'live',
): CallRecord => ({ ...untrackedRecordOf(call, line, now), contactName: contactNameOf(call), source });
