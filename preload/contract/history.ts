import { z } from 'zod';
import { callOutcomes, localHistory, type CallOutcome, type Provider } from './constants';
import { command, epochMs, id } from './define';
import type { AppError } from './result';
import type { Direction } from './calls';

export interface CallLogEntry {
  id: string;
  externalId: string | null;
  accountId: string;
  lineLabel: string;
  provider: Provider;
  direction: Direction;
  peerNumber: string;
  /**
   * The customer's name as the call log holds it: the contact's name when the call was logged (or when the
   * number became a contact later), a name typed on the call, or a name Pilot Status sent; null when unknown.
   */
  contactName: string | null;
  outcome: CallOutcome | null;
  remoteStatus: string;
  createdAt: string;
  connectedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
}

/** A call in the history: the call-log entry plus what people add to it after the call. */
export interface HistoryEntry extends CallLogEntry {
  agentName: string | null;
  ringingAt: string | null;
  /** In lists only the first 200 characters; the call detail has all of it. */
  notes: string;
  disposition: string | null;
  tags: string[];
  /** `live`: logged as it happened; `reconciled`: filled in from Pilot Status later; `salvaged`: copied from a damaged log. */
  source: 'live' | 'reconciled' | 'salvaged';
}

/** Where the next page starts: the sort values of the last row shown (opaque to the renderer). */
export type HistoryCursor = number[];

/**
 * A row of the history list: only what the list shows, its time as epoch ms.
 * A page of 100 of these is made, sent and shown without one date string to
 * format or parse; the call detail (`history.get`) has everything.
 */
export interface HistoryListRow {
  id: string;
  /** Epoch ms. */
  createdAt: number;
  lineLabel: string;
  agentName: string | null;
  direction: Direction;
  peerNumber: string;
  contactName: string | null;
  outcome: CallOutcome | null;
  remoteStatus: string;
  durationSeconds: number | null;
  /** The first 200 characters. */
  notes: string;
  disposition: string | null;
  tags: string[];
}

export interface HistoryPage {
  rows: HistoryListRow[];
  /** Null when this page is the last. */
  next: HistoryCursor | null;
}

export interface TimelineEvent {
  at: string;
  /** `ringing`, `answering`, `connected`, `ended`, `status`, `error`, `reconciled`, `edited`, ... */
  kind: string;
  detail: string | null;
}

export interface CallDetail extends HistoryEntry {
  timeline: TimelineEvent[];
}

export interface HistoryCounts {
  total: number;
  answered: number;
  missed: number;
  declined: number;
  failed: number;
  /** `answered / ended calls`, null when no call has ended. */
  answerRate: number | null;
  /** Mean talk time of answered calls, in seconds; null when none. */
  avgTalkSeconds: number | null;
}

export interface HistoryStats extends HistoryCounts {
  /** 24 entries, local hour of day 0..23. */
  byHour: { hour: number; total: number; answered: number; missed: number }[];
  /** Local calendar days with at least one call, oldest first. */
  byDay: { day: string; total: number; answered: number; missed: number }[];
  perLine: (HistoryCounts & { accountId: string; lineLabel: string })[];
}

export interface ExportProgress {
  exportId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  written: number;
  total: number;
  /** Where the file is (or will be once done). */
  path: string;
  error?: AppError;
}

export interface HistoryStatus {
  /** Set when the call log found at start was damaged and was set aside. */
  recovery: { at: string; movedTo: string; reason: string; salvaged: number } | null;
  /** Every line the log has calls for (also lines since removed), with its latest name. */
  lines: { accountId: string; label: string }[];
}

const seconds = z.number().int().min(0).max(7 * 24 * 3600);

/** At least one word of 3+ characters: full-text search matches fragments of 3 or more. */
const searchText = z
  .string()
  .trim()
  .max(100, 'SEARCH_TOO_LONG')
  .refine((text) => text === '' || text.split(/\s+/).some((word) => [...word].length >= 3), 'SEARCH_TOO_SHORT');

export const historyFilterSchema = z
  .object({
    text: searchText.optional(),
    /** Calls created at or after (epoch ms). */
    from: epochMs.optional(),
    /** Calls created before (epoch ms). */
    to: epochMs.optional(),
    accountId: id.optional(),
    direction: z.enum(['INBOUND', 'OUTBOUND']).optional(),
    outcome: z.enum(callOutcomes).optional(),
    minSeconds: seconds.optional(),
    maxSeconds: seconds.optional(),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from < f.to, 'DATE_RANGE_ORDER')
  .refine((f) => f.minSeconds === undefined || f.maxSeconds === undefined || f.minSeconds <= f.maxSeconds, 'DURATION_RANGE_ORDER');

export const historySortSchema = z.object({ key: z.enum(['time', 'duration']), order: z.enum(['desc', 'asc']) }).strict();

export type HistoryFilter = z.output<typeof historyFilterSchema>;
export type HistorySort = z.output<typeof historySortSchema>;

const defaultSort: HistorySort = { key: 'time', order: 'desc' };
/** Which history answers: this computer's call log (`local`) or a team line's team server (its id). */
const source = z.string().min(1).max(200).default(localHistory);
const tag = z.string().trim().min(1).max(40, 'TAG_TOO_LONG');

export const historyCommands = {
  'log.list': command(z.object({ limit: z.number().int().min(1).max(500).optional(), before: z.string().datetime().optional() }).strict()).returns<CallLogEntry[]>(),
  'history.query': command(
    z
      .object({
        filter: historyFilterSchema.default({}),
        sort: historySortSchema.default(defaultSort),
        limit: z.number().int().min(1).max(500).default(100),
        after: z.array(z.number().int()).min(2).max(3).optional(),
        source,
      })
      .strict()
      // A cursor holds the sort's keys: two for time (time, row), three for duration (duration, time, row).
      .refine((r) => r.after === undefined || r.after.length === (r.sort.key === 'time' ? 2 : 3), { message: 'CURSOR_SORT_MISMATCH', path: ['after'] }),
  ).returns<HistoryPage>(),
  'history.get': command(z.object({ callId: id, source }).strict()).returns<CallDetail>(),
  'history.annotate': command(
    z
      .object({
        callId: id,
        notes: z.string().max(10_000, 'NOTES_TOO_LONG').optional(),
        disposition: z.string().trim().max(60, 'DISPOSITION_TOO_LONG').nullable().optional(),
        tags: z.array(tag).max(20, 'TOO_MANY_TAGS').optional(),
        contactName: z.string().trim().max(120, 'CONTACT_NAME_TOO_LONG').nullable().optional(),
        source,
      })
      .strict(),
  ).returns<CallDetail>(),
  'history.stats': command(z.object({ filter: historyFilterSchema.default({}), source }).strict()).returns<HistoryStats>(),
  'history.export': command(z.object({ filter: historyFilterSchema.default({}), sort: historySortSchema.default(defaultSort), source }).strict()).returns<ExportProgress>(),
  'history.exportCancel': command(z.object({ exportId: id }).strict()).returns<{ cancelled: boolean }>(),
  'history.status': command(z.object({ source }).strict()).returns<HistoryStatus>(),
};

export interface HistoryEvents {
  'log.changed': CallLogEntry;
  /** A CSV export moved on (a few times a second at most) or finished. */
  'history.exportProgress': ExportProgress;
  /** Reconciliation filled in calls that happened while the app was away. */
  'history.reconciled': { accountId: string; added: number; updated: number };
}
