import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stringify } from 'csv-stringify';
import type { HistoryCursor, HistoryFilter, HistorySort } from '../../../preload/contract';
import { outcomeLabelKey } from '../../../preload/contract';
import type { Translate } from '../i18n/translator';
import type { HistoryRow } from './history-repository';
import { neutralizeCell } from './csv-cells';
import { cursorOf } from './history-sql';

export { neutralizeCell };

export interface CsvColumn {
  header: string;
  value: (row: HistoryRow) => string | number | null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local wall-clock time as spreadsheets parse it: `2025-03-01 14:05:09`. */
export const spreadsheetTime = (ms: number | null): string | null => {
  if (ms === null) return null;
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

/** Translations repeat across rows (a handful of outcomes and directions): look each up once per export. */
const memoize = (t: Translate) => {
  const cache = new Map<string, string>();
  return (key: string, status = ''): string => {
    const id = `${key}\u0000${status}`;
    let text = cache.get(id);
    if (text === undefined) {
      text = t(key, { status });
      cache.set(id, text);
    }
    return text;
  };
};

const tagsText = (json: string): string => (json === '[]' ? '' : (JSON.parse(json) as string[]).join(', '));

/** The exported columns, with headers and values in the agent's language. */
export const csvColumns = (translate: Translate): CsvColumn[] => {
  const t = memoize(translate);
  return [
    { header: t('export.column.time'), value: (r) => spreadsheetTime(r.created_at) },
    { header: t('export.column.line'), value: (r) => r.line_label },
    { header: t('export.column.agent'), value: (r) => r.agent_name },
    { header: t('export.column.direction'), value: (r) => t(r.direction === 'INBOUND' ? 'log.inbound' : 'log.outbound') },
    { header: t('export.column.number'), value: (r) => r.peer_number },
    { header: t('export.column.contact'), value: (r) => r.contact_name },
    { header: t('export.column.outcome'), value: (r) => t(outcomeLabelKey(r.direction, r.outcome), r.outcome === 'unknown' || r.outcome === null ? r.remote_status : '') },
    { header: t('export.column.duration'), value: (r) => r.duration_seconds },
    { header: t('export.column.ringing'), value: (r) => spreadsheetTime(r.ringing_at) },
    { header: t('export.column.connected'), value: (r) => spreadsheetTime(r.connected_at) },
    { header: t('export.column.ended'), value: (r) => spreadsheetTime(r.ended_at) },
    { header: t('export.column.disposition'), value: (r) => r.disposition },
    { header: t('export.column.tags'), value: (r) => tagsText(r.tags) },
    { header: t('export.column.notes'), value: (r) => r.notes },
    { header: t('export.column.status'), value: (r) => r.remote_status },
    { header: t('export.column.callId'), value: (r) => r.id },
  ];
};

/** Where exported rows come from: the local log (synchronous) or a team server's database (asynchronous). */
export interface HistoryRowSource {
  pageRows(filter: HistoryFilter, sort: HistorySort, limit: number, after: HistoryCursor | undefined, full: boolean): HistoryRow[] | Promise<HistoryRow[]>;
}

export interface CsvExportOptions {
  history: HistoryRowSource;
  filter: HistoryFilter;
  sort: HistorySort;
  columns: CsvColumn[];
  out: Writable;
  /** Rows per database read; the file is written while the next batch is read. */
  batchSize?: number;
  onRows?: (written: number) => void;
  signal?: AbortSignal;
}

/**
 * Streams the filtered history as CSV (csv-stringify): UTF-8 with a byte
 * order mark so spreadsheets keep accents, every text cell quoted and
 * formula-neutralised. Reads in keyset batches and waits for the file to
 * drain, so memory stays flat however many rows there are, and yields to
 * the event loop between batches so calls keep ringing during a long
 * export. Resolves with the number of rows written. The team server exports
 * with it; the local call log uses call-log-csv.ts, the same bytes faster.
 */
export const writeHistoryCsv = async (options: CsvExportOptions): Promise<number> => {
  const { history, filter, sort, columns, batchSize = 2000 } = options;
  const csv = stringify({ bom: true, header: true, columns: columns.map((c) => c.header), quoted_string: true });
  const done = pipeline(csv, options.out, options.signal ? { signal: options.signal } : {});
  let written = 0;
  let after: HistoryCursor | undefined;
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const rows = await history.pageRows(filter, sort, batchSize, after, true);
      for (const row of rows) {
        const cells = columns.map((column) => {
          const value = column.value(row);
          return typeof value === 'string' ? neutralizeCell(value) : value;
        });
        if (!csv.write(cells)) await once(csv, 'drain', options.signal ? { signal: options.signal } : {});
      }
      written += rows.length;
      options.onRows?.(written);
      if (rows.length < batchSize) break;
      after = cursorOf(rows.at(-1)!, sort);
      await nextTurn();
    }
    csv.end();
  } catch (error) {
    csv.destroy(error as Error);
    await done.catch(() => undefined);
    throw error;
  }
  await done;
  return written;
};
