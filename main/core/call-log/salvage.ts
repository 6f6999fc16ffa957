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
/** Empty ranges in a row after which probing for more rows stops (when the table's end cannot be read). */
const emptyRangesToStop = 20;

type Read = (low: number, high: number) => Record<string, unknown>[];
type Row = Record<string, unknown>;
/** The name a row's rowid is read under, beside its columns. */
const rowidKey = 'salvage_rowid';

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const outcomes = new Set(['answered', 'missed', 'declined', 'answered-elsewhere', 'failed', 'unknown']);
const jsonArray = (value: unknown): boolean => {
  try {
    return typeof value === 'string' && Array.isArray(JSON.parse(value));
  } catch {
    return false;
  }
};

/**
 * A row whose values the damage changed into what the schema refuses (a
 * negative duration, text where a time was, a broken tag list), made
 * acceptable field by field: the call is kept, only the damaged fields are
 * emptied (or, for the few that cannot be empty, given a neutral value).
 * Null when the row has no id left to be a call by.
 */
export const repairRow = (row: Row, now: number): Row | null => {
  if (typeof row.id !== 'string' || row.id.length === 0) return null;
  const text = (value: unknown): string => (typeof value === 'string' ? value : value == null ? '' : String(value));
  const optionalText = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const time = (value: unknown): number | null => (isInteger(value) ? value : null);
  const repaired: Row = { ...row };
  for (const column of ['account_id', 'line_label', 'peer_number', 'remote_status', 'notes']) if (column in row) repaired[column] = text(row[column]);
  for (const column of ['external_id', 'agent_name', 'contact_name', 'disposition']) if (column in row) repaired[column] = optionalText(row[column]);
  for (const column of ['ringing_at', 'connected_at', 'ended_at']) if (column in row) repaired[column] = time(row[column]);
  repaired.updated_at = time(row.updated_at) ?? now;
  repaired.created_at = time(row.created_at) ?? repaired.updated_at;
  repaired.duration_seconds = isInteger(row.duration_seconds) && row.duration_seconds >= 0 ? row.duration_seconds : null;
  if (row.provider !== 'META' && row.provider !== 'EVO_GO') repaired.provider = text(row.external_id).startsWith('wacid.') ? 'META' : 'EVO_GO';
  if (row.direction !== 'INBOUND' && row.direction !== 'OUTBOUND') repaired.direction = 'INBOUND';
  if (row.outcome !== null && !outcomes.has(text(row.outcome))) repaired.outcome = 'unknown';
  if ('tags' in row && !jsonArray(row.tags)) repaired.tags = '[]';
  return repaired;
};

/**
 * The rows of a rowid range; a range SQLite cannot read is halved until the
 * unreadable rows are alone, so one damaged page costs only its own rows.
 */
const readRange = (read: Read, low: number, high: number, onSkipped: (low: number, high: number) => void): Row[] => {
  try {
    return read(low, high);
  } catch {
    if (low === high) {
      onSkipped(low, high);
      return [];
    }
    const middle = Math.floor((low + high) / 2);
    return [...readRange(read, low, middle, onSkipped), ...readRange(read, middle + 1, high, onSkipped)];
  }
};

/** Where the calls end: the table's own last rowid, else one an index still knows, else unknown. */
const lastRowid = (source: CallLogDatabase): number | null => {
  const attempts = ['SELECT max(rowid) AS high FROM calls'];
  try {
    for (const { name } of source.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls'").all() as { name: string }[]) {
      attempts.push(`SELECT max(rowid) AS high FROM calls INDEXED BY "${name.replaceAll('"', '""')}"`);
    }
  } catch {
    // the schema cannot be read: the table is all there is to try
  }
  for (const sql of attempts) {
    try {
      const high = (source.prepare(sql).get() as { high: number | null }).high;
      if (high !== null) return high;
    } catch {
      // this path to the end is damaged; try the next
    }
  }
  return null;
};

/**
 * Copies every call that can still be read from a damaged call log into a
 * fresh one. Rowid ranges are read in turn, and a range SQLite cannot read is
 * halved until only the unreadable rows are left out, so a damaged page costs
 * the calls on it and no others. Where the table's end cannot be read, ranges
 * are probed until many in a row are empty. Rows that break the new schema's
 * checks are skipped too. Returns how many calls were copied.
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
  let skipped = 0;
  let repairedRows = 0;
  try {
    const version = source.pragma('user_version', { simple: true }) as number;
    if (version < 1) return 0;
    const columns = version >= 2 ? [...v1Columns, ...v2Columns] : v1Columns;
    const selected = `rowid AS ${rowidKey}, ${columns.join(', ')}`;
    const range = source.prepare(`SELECT ${selected} FROM calls WHERE rowid BETWEEN ? AND ?`);
    // One row is read by a lookup of its own: a one-row range would step on to the next row, which may be the damage.
    const one = source.prepare(`SELECT ${selected} FROM calls WHERE rowid = ?`);
    const columnReads = columns.map((column) => [column, source.prepare(`SELECT ${column} AS value FROM calls WHERE rowid = ?`)] as const);
    /**
     * A row whose whole record cannot be read (its header damaged past the first columns), read column by
     * column: the call is kept with what is still readable, provided its id is.
     */
    const byColumns = (rowid: number): Row[] => {
      const row: Row = { [rowidKey]: rowid };
      for (const [column, statement] of columnReads) {
        try {
          row[column] = (statement.get(rowid) as { value: unknown } | undefined)?.value ?? null;
        } catch {
          row[column] = null;
        }
      }
      return typeof row.id === 'string' ? [row] : [];
    };
    const lookUp = (rowid: number): Row[] => {
      try {
        return one.all(rowid) as Row[];
      } catch (error) {
        const rows = byColumns(rowid);
        if (rows.length === 0) throw error;
        return rows;
      }
    };
    const read: Read = (low, high) => (low === high ? lookUp(low) : (range.all(low, high) as Row[]));
    /**
     * A range, then each rowid it did not give looked up on its own: a damaged cell can end a range scan early
     * without an error (the rows after it in the range are still there to a lookup). Calls are never deleted, so
     * a healthy range gives every rowid and costs no lookups.
     */
    const collect = (low: number, high: number): Row[] => {
      const rows = readRange(read, low, high, () => (skipped += 1));
      const seen = new Set(rows.map((row) => row[rowidKey]));
      for (let rowid = low; rowid <= high; rowid += 1) {
        if (seen.has(rowid)) continue;
        try {
          rows.push(...lookUp(rowid));
        } catch {
          skipped += 1;
        }
      }
      return rows;
    };
    const write = into.prepare(
      `INSERT INTO calls (${columns.join(', ')}, source) VALUES (${columns.map((c) => `@${c}`).join(', ')}, 'salvaged')`,
    );
    const high = lastRowid(source);
    let empty = 0;
    // Rowids start at 1; the first one is not looked up, because reaching it crosses the first page, which may be
    // the damaged one. The end is the last rowid found, or (when none could be read, or a damaged one says
    // something absurd) where many ranges in a row are empty: calls are never deleted, so rowids have no long gaps.
    for (let start = 1; (high === null || start <= high) && empty < emptyRangesToStop; start += chunk) {
      const rows = collect(start, start + chunk - 1);
      empty = rows.length === 0 ? empty + 1 : 0;
      into.transaction(() => {
        for (const found of rows) {
          const { [rowidKey]: _rowid, ...row } = found;
          try {
            copied += write.run({ ...row, updated_at: row.updated_at ?? now }).changes;
          } catch (error) {
            // The same call twice (a damaged index let a duplicate id through): the first copy is kept.
            if (/UNIQUE|PRIMARYKEY/.test(String((error as { code?: unknown }).code))) continue;
            // A value the damage changed into one the schema refuses: the call is kept, that value emptied.
            const repaired = repairRow(row, now);
            if (!repaired) continue;
            try {
              copied += write.run(repaired).changes;
              repairedRows += 1;
            } catch {
              // Not even the repaired row fits: it is left in the file set aside.
            }
          }
        }
      })();
    }
    if (skipped > 0) logger?.warn({ skipped }, 'unreadable rows skipped during salvage');
    if (repairedRows > 0) logger?.warn({ repaired: repairedRows }, 'salvaged calls with damaged values emptied');
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
