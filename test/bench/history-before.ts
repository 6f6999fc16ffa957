/**
 * The history's previous query and export paths, kept only so the history
 * benchmark can measure before and after in the same run on the same file:
 * list pages as full `HistoryEntry` objects with four ISO times each, and
 * the CSV export through csv-stringify over named-object rows in batches of
 * 2,000. Not used by the app.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stringify } from 'csv-stringify';
import type { HistoryCursor, HistoryFilter, HistorySort } from '../../preload/contract';
import { outcomeLabelKey } from '../../preload/contract';
import type { CallLogDatabase } from '../../main/core/call-log/database';
import { neutralizeCell, spreadsheetTime } from '../../main/core/call-log/csv-export';
import { toHistoryEntry, type HistoryRepository, type HistoryRow } from '../../main/core/call-log/history-repository';
import { fullColumns, listColumns, pageSql, sortColumns } from '../../main/core/call-log/history-sql';
import type { Translate } from '../../main/core/i18n/translator';

/** The list columns as the previous path read them: every column, notes cut to a preview. */
export const beforeListColumns = listColumns;

const cursorOf = (row: HistoryRow, sort: HistorySort): HistoryCursor => sortColumns(sort).map((column) => Number((row as unknown as Record<string, unknown>)[column]));

/** One list page the previous way: the same request checks, then rows as full entries. */
export const beforePage = (db: CallLogDatabase, history: HistoryRepository, filter: HistoryFilter, sort: HistorySort, limit: number) => {
  const { sql, params } = pageSql(filter, sort, undefined, beforeListColumns, history.textPlan(filter));
  const rows = history.statement(sql).all({ ...params, limit }) as HistoryRow[];
  const last = rows.at(-1);
  void db;
  return { rows: rows.map(toHistoryEntry), next: rows.length === limit && last ? cursorOf(last, sort) : null };
};

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

/** The previous export: csv-stringify, rows as named objects, 2,000 per read. */
export const beforeExport = async (history: HistoryRepository, filter: HistoryFilter, sort: HistorySort, translate: Translate, out: Writable): Promise<number> => {
  const t = memoize(translate);
  const tagsText = (json: string): string => (json === '[]' ? '' : (JSON.parse(json) as string[]).join(', '));
  const columns: [string, (r: HistoryRow) => string | number | null][] = [
    [t('export.column.time'), (r) => spreadsheetTime(r.created_at)],
    [t('export.column.line'), (r) => r.line_label],
    [t('export.column.agent'), (r) => r.agent_name],
    [t('export.column.direction'), (r) => t(r.direction === 'INBOUND' ? 'log.inbound' : 'log.outbound')],
    [t('export.column.number'), (r) => r.peer_number],
    [t('export.column.contact'), (r) => r.contact_name],
    [t('export.column.outcome'), (r) => t(outcomeLabelKey(r.direction, r.outcome), r.outcome === 'unknown' || r.outcome === null ? r.remote_status : '')],
    [t('export.column.duration'), (r) => r.duration_seconds],
    [t('export.column.ringing'), (r) => spreadsheetTime(r.ringing_at)],
    [t('export.column.connected'), (r) => spreadsheetTime(r.connected_at)],
    [t('export.column.ended'), (r) => spreadsheetTime(r.ended_at)],
    [t('export.column.disposition'), (r) => r.disposition],
    [t('export.column.tags'), (r) => tagsText(r.tags)],
    [t('export.column.notes'), (r) => r.notes],
    [t('export.column.status'), (r) => r.remote_status],
    [t('export.column.callId'), (r) => r.id],
  ];
  const csv = stringify({ bom: true, header: true, columns: columns.map(([header]) => header), quoted_string: true });
  const done = pipeline(csv, out);
  let written = 0;
  let after: HistoryCursor | undefined;
  for (;;) {
    const { sql, params } = pageSql(filter, sort, after, fullColumns, history.textPlan(filter));
    const rows = history.statement(sql).all({ ...params, limit: 2000 }) as HistoryRow[];
    for (const row of rows) {
      const cells = columns.map(([, value]) => {
        const v = value(row);
        return typeof v === 'string' ? neutralizeCell(v) : v;
      });
      if (!csv.write(cells)) await once(csv, 'drain');
    }
    written += rows.length;
    if (rows.length < 2000) break;
    after = cursorOf(rows.at(-1)!, sort);
    await nextTurn();
  }
  csv.end();
  await done;
  return written;
};
