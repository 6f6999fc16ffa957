import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CallOutcome, Direction, HistoryCursor, HistoryFilter, HistorySort } from '../../../preload/contract';
import { outcomeLabelKey } from '../../../preload/contract';
import type { Translate } from '../i18n/translator';
import { csvCell, csvCellsSql } from './csv-cells';
import { spreadsheetTime } from './csv-export';
import type { HistoryRepository } from './history-repository';

/*
 * The local call log's CSV export: the same file as csv-export.ts's
 * `writeHistoryCsv` writes from rows (a test holds the two to the same
 * bytes), made for a large SQLite log at several times its speed. SQLite
 * formats the text cells while it reads them and each batch is written as
 * one chunk.
 */

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * {@link spreadsheetTime} as a CSV cell, for many times close together: the
 * local date, hour and minute are worked out once per minute (a local offset
 * never changes within a minute), the seconds added to them.
 */
const spreadsheetTimeCells = (): ((ms: number | null) => string) => {
  const minutes = new Map<number, string>();
  return (ms) => {
    if (ms === null) return '';
    const minute = Math.floor(ms / 60_000);
    let prefix = minutes.get(minute);
    if (prefix === undefined) {
      prefix = `"${spreadsheetTime(minute * 60_000)!.slice(0, 16)}:`;
      if (minutes.size > 10_000) minutes.clear();
      minutes.set(minute, prefix);
    }
    return `${prefix}${pad(Math.floor(ms / 1000) - minute * 60)}"`;
  };
};

/** The exported columns, in order: their translation keys. */
const headerKeys = [
  'export.column.time', 'export.column.line', 'export.column.agent', 'export.column.direction', 'export.column.number',
  'export.column.contact', 'export.column.outcome', 'export.column.duration', 'export.column.ringing', 'export.column.connected',
  'export.column.ended', 'export.column.disposition', 'export.column.tags', 'export.column.notes', 'export.column.status', 'export.column.callId',
];

/** The tags as one text, `a, b`: most calls have none, and skip the JSON table-valued function. */
const tagsSql = "iif(tags = '[]', '', coalesce((SELECT group_concat(value, ', ' ORDER BY key) FROM json_each(tags)), ''))";

/**
 * What one exported row is read as: the numbers and codes the app formats
 * itself (times in the agent's time zone, words in the agent's language) and
 * three runs of text cells SQLite formats while it reads them (see
 * csv-cells.ts). The first three values are the sort keys of the page cursor.
 */
const exportColumns = [
  'created_at', 'seq', 'talk_seconds', 'ringing_at', 'connected_at', 'ended_at', 'direction', 'outcome', 'remote_status', 'duration_seconds',
  csvCellsSql(['line_label', 'agent_name']),
  csvCellsSql(['peer_number', 'contact_name']),
  `${csvCellsSql(['disposition'])} || ',' || ${csvCellsSql([tagsSql])} || ',' || ${csvCellsSql(['notes', 'remote_status', 'id'])}`,
].join(', ');

type ExportRow = [
  createdAt: number, seq: number, talkSeconds: number, ringingAt: number | null, connectedAt: number | null, endedAt: number | null,
  direction: Direction, outcome: CallOutcome | null, remoteStatus: string, durationSeconds: number | null,
  lineAndAgent: string, numberAndContact: string, dispositionToCallId: string,
];

/** The cursor of an export row: its values of the sort's columns (`created_at`, `seq`, `talk_seconds` lead every row). */
const cursorOfRow = (row: ExportRow, sort: HistorySort): HistoryCursor => (sort.key === 'time' ? [row[0], row[1]] : [row[2], row[0], row[1]]);

/**
 * The direction and outcome cells of a row, in the agent's language: each
 * translated and formatted once per export (an unknown outcome's words carry
 * Pilot Status's status, so those are kept per status).
 */
const wordCells = (translate: Translate) => {
  const cell = (key: string, status = '') => csvCell(translate(key, { status }));
  const inbound = cell('log.inbound');
  const outbound = cell('log.outbound');
  const outcomes = new Map<string, string>();
  const unknown = new Map<string, string>();
  return {
    direction: (direction: Direction): string => (direction === 'INBOUND' ? inbound : outbound),
    outcome: (direction: Direction, outcome: CallOutcome | null, status: string): string => {
      const key = outcomeLabelKey(direction, outcome);
      if (outcome === 'unknown' || outcome === null) {
        const id = `${key}\u0000${status}`;
        let found = unknown.get(id);
        if (found === undefined) {
          found = cell(key, status);
          if (unknown.size > 1000) unknown.clear();
          unknown.set(id, found);
        }
        return found;
      }
      let found = outcomes.get(key);
      if (found === undefined) outcomes.set(key, (found = cell(key)));
      return found;
    },
  };
};

export interface CallLogCsvOptions {
  history: HistoryRepository;
  filter: HistoryFilter;
  sort: HistorySort;
  translate: Translate;
  out: Writable;
  /** Rows per database read; the file is written while the next batch is read. */
  batchSize?: number;
  onRows?: (written: number) => void;
  signal?: AbortSignal;
}

/**
 * Streams the filtered history as CSV: UTF-8 with a byte order mark so
 * spreadsheets keep accents, every text cell quoted and formula-neutralised,
 * headers and words in the agent's language, times in the agent's time zone.
 * Reads in keyset batches and writes each batch as one chunk, waiting for the
 * file to drain, so memory stays flat however many rows there are; it yields
 * to the event loop between batches so calls keep ringing during a long
 * export. Resolves with the number of rows written.
 */
export const writeCallLogCsv = async (options: CallLogCsvOptions): Promise<number> => {
  const { history, filter, sort, out, batchSize = 5000 } = options;
  const words = wordCells(options.translate);
  const time = spreadsheetTimeCells();
  let failure: Error | null = null;
  // Kept for the stream's whole life: an error it reports after this export gave up (a cancel, a failed open)
  // must not go unheard, which would end the process.
  out.on('error', (error: Error) => (failure ??= error));
  const write = async (chunk: string): Promise<void> => {
    if (failure) throw failure;
    if (!out.write(chunk)) await once(out, 'drain', options.signal ? { signal: options.signal } : {});
  };
  let written = 0;
  let after: HistoryCursor | undefined;
  try {
    await write(`\ufeff${headerKeys.map((key) => csvCell(options.translate(key))).join(',')}\n`);
    for (;;) {
      options.signal?.throwIfAborted();
      const rows = history.pageValues(exportColumns, filter, sort, batchSize, after) as ExportRow[];
      // One string per line and one join per batch: appending every line to one growing string costs far more.
      const lines = new Array<string>(rows.length + 1);
      for (let r = 0; r < rows.length; r += 1) {
        const [createdAt, , , ringingAt, connectedAt, endedAt, direction, outcome, status, duration, lineAndAgent, numberAndContact, rest] = rows[r]!;
        lines[r] =
          `${time(createdAt)},${lineAndAgent},${words.direction(direction)},${numberAndContact},${words.outcome(direction, outcome, status)},${duration ?? ''},` +
          `${time(ringingAt)},${time(connectedAt)},${time(endedAt)},${rest}`;
      }
      lines[rows.length] = '';
      if (rows.length > 0) await write(lines.join('\n'));
      written += rows.length;
      options.onRows?.(written);
      if (rows.length < batchSize) break;
      after = cursorOfRow(rows.at(-1)!, sort);
      await nextTurn();
    }
    options.signal?.throwIfAborted();
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy(error as Error);
    throw failure ?? error;
  }
  return written;
};
