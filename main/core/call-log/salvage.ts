import Database from 'better-sqlite3';
import type { Logger } from '../logging/logger';
import type { CallLogDatabase } from './database';

/** Columns every schema version has; later versions add the ones after them. */
const v1Columns = [
  'id', 'external_id', 'account_id', 'line_label', 'provider', 'direction', 'peer_number', 'outcome',
  'remote_status', 'created_at', 'connected_at', 'ended_at', 'duration_seconds', 'updated_at',
];
const v2Columns = ['agent_name', 'contact_name', 'ringing_at', 'notes', 'disposition', 'tags'];

const chunk = 500;

/**
 * Copies every call that can still be read from a damaged call log into a
 * fresh one, in rowid ranges: a range that SQLite cannot read is skipped and
 * the rest still come across. Rows that break the new schema's checks are
 * skipped too. Returns how many calls were copied.
 */
export const salvageCalls = (damagedFile: string, into: CallLogDatabase, now: number, logger?: Logger): number => {
  let source: CallLogDatabase;
  try {
    source = new Database(damagedFile, { readonly: true, fileMustExist: true });
  } catch (error) {
    logger?.warn({ err: error }, 'damaged call log cannot be opened for salvage');
    return 0;
  }
  let copied = 0;
  try {
    const version = source.pragma('user_version', { simple: true }) as number;
    if (version < 1) return 0;
    const columns = version >= 2 ? [...v1Columns, ...v2Columns] : v1Columns;
    const bounds = source.prepare('SELECT min(rowid) AS low, max(rowid) AS high FROM calls').get() as { low: number | null; high: number | null };
    if (bounds.low === null || bounds.high === null) return 0;
    const read = source.prepare(`SELECT ${columns.join(', ')} FROM calls WHERE rowid BETWEEN ? AND ?`);
    const write = into.prepare(
      `INSERT OR IGNORE INTO calls (${columns.join(', ')}, source) VALUES (${columns.map((c) => `@${c}`).join(', ')}, 'salvaged')`,
    );
    for (let start = bounds.low; start <= bounds.high; start += chunk) {
      let rows: Record<string, unknown>[];
      try {
        rows = read.all(start, start + chunk - 1) as Record<string, unknown>[];
      } catch (error) {
        logger?.warn({ from: start, to: start + chunk - 1, code: (error as { code?: string }).code }, 'unreadable rows skipped during salvage');
        continue;
      }
      into.transaction(() => {
        for (const row of rows) {
          try {
            copied += write.run({ ...row, updated_at: row.updated_at ?? now }).changes;
          } catch {
            // A row the new schema rejects (a value the checks refuse) is not worth failing the others for.
          }
        }
      })();
    }
  } catch (error) {
    logger?.warn({ err: error }, 'salvage stopped early');
  } finally {
    source.close();
  }
  return copied;
};

const contactColumns = ['id', 'name', 'number', 'match_key', 'company', 'note', 'digits', 'search_words', 'created_at', 'updated_at'];

/**
 * Copies every contact that can still be read from a damaged file (schema 6
 * and later keep the contacts beside the calls) into the fresh one, in rowid
 * ranges, as {@link salvageCalls} does for calls. Returns how many were copied.
 */
export const salvageContacts = (damagedFile: string, into: CallLogDatabase, logger?: Logger): number => {
  let source: CallLogDatabase;
  try {
    source = new Database(damagedFile, { readonly: true, fileMustExist: true });
  } catch {
    return 0;
  }
  let copied = 0;
  try {
    if ((source.pragma('user_version', { simple: true }) as number) < 6) return 0;
    const bounds = source.prepare('SELECT min(id) AS low, max(id) AS high FROM contacts').get() as { low: number | null; high: number | null };
    if (bounds.low === null || bounds.high === null) return 0;
    const read = source.prepare(`SELECT ${contactColumns.join(', ')} FROM contacts WHERE id BETWEEN ? AND ?`);
    const write = into.prepare(`INSERT OR IGNORE INTO contacts (${contactColumns.join(', ')}) VALUES (${contactColumns.map((c) => `@${c}`).join(', ')})`);
    for (let start = bounds.low; start <= bounds.high; start += chunk) {
      let rows: Record<string, unknown>[];
      try {
        rows = read.all(start, start + chunk - 1) as Record<string, unknown>[];
      } catch (error) {
        logger?.warn({ from: start, to: start + chunk - 1, code: (error as { code?: string }).code }, 'unreadable contacts skipped during salvage');
        continue;
      }
      into.transaction(() => {
        for (const row of rows) {
          try {
            copied += write.run(row).changes;
          } catch {
            // A contact the schema's checks refuse is not worth failing the others for.
          }
        }
      })();
    }
  } catch (error) {
    logger?.warn({ err: error }, 'contact salvage stopped early');
  } finally {
    source.close();
  }
  return copied;
};
