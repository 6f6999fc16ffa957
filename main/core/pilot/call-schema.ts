import { z } from 'zod';

/** Longest duration taken as real: ten years. */
const maxDurationSeconds = 10 * 365 * 24 * 3600;

/**
 * A call as Pilot Status returns it. Parsed leniently (contract §3): unknown
 * fields are kept, any status string is accepted and recorded as it came.
 */
export const pilotCallSchema = z.looseObject({
  id: z.string().min(1),
  externalCallId: z.string().nullish(),
  direction: z.string().nullish(),
  status: z.string().min(1),
  peerNumber: z.union([z.string(), z.number()]).nullish().transform((v) => (v == null ? '' : String(v))),
  // Whole seconds, as the call log keeps them; a value no call can last (past ten years) is unknown.
  durationSeconds: z
    .number()
    .nonnegative()
    .transform((v) => (v <= maxDurationSeconds ? Math.round(v) : null))
    .nullish(),
  startedAt: z.string().nullish(),
  connectedAt: z.string().nullish(),
  endedAt: z.string().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  sdpOffer: z.string().nullish(),
  sdpAnswer: z.string().nullish(),
});

export type PilotCall = z.output<typeof pilotCallSchema>;

export interface ParsedCallList {
  calls: PilotCall[];
  /** Entries that could not be read at all (no id or status); logged, never fatal. */
  rejected: unknown[];
}

/** Reads `{calls:[...]}` entry by entry so one bad entry cannot hide the others. */
export const parseCallList = (body: unknown): ParsedCallList | null => {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { calls?: unknown }).calls)) return null;
  const calls: PilotCall[] = [];
  const rejected: unknown[] = [];
  for (const entry of (body as { calls: unknown[] }).calls) {
    const parsed = pilotCallSchema.safeParse(entry);
    if (parsed.success) calls.push(parsed.data);
    else rejected.push(entry);
  }
  return { calls, rejected };
};

/** Maps Pilot's status words onto what the app does with them. Unknown words are `other`. */
export type StatusKind = 'ringing' | 'connected' | 'ended' | 'other';

const ringingStatuses = new Set(['INITIATED', 'RINGING', 'PRE_ACCEPTED', 'PREACCEPTED']);
const connectedStatuses = new Set(['ACCEPTED', 'CONNECTED', 'IN_PROGRESS', 'ONGOING', 'ACTIVE']);
const endedStatuses = new Set([
  'COMPLETED',
  'ENDED',
  'TERMINATED',
  'REJECTED',
  'DECLINED',
  'MISSED',
  'FAILED',
  'CANCELED',
  'CANCELLED',
  'BUSY',
  'NO_ANSWER',
  'TIMEOUT',
  'EXPIRED',
]);

/** Whether the app knows what a status means (any documented or expected one); others are shown as received. */
export const isKnownStatus = (status: string): boolean => {
  const upper = status.toUpperCase();
  return ringingStatuses.has(upper) || connectedStatuses.has(upper) || endedStatuses.has(upper);
};

export const statusKind = (call: Pick<PilotCall, 'status' | 'endedAt' | 'connectedAt'>): StatusKind => {
  const status = call.status.toUpperCase();
  if (endedStatuses.has(status) || call.endedAt) return 'ended';
  if (connectedStatuses.has(status)) return 'connected';
  if (ringingStatuses.has(status)) return call.connectedAt ? 'connected' : 'ringing';
  if (call.connectedAt) return 'connected';
  return 'other';
};
