import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppFailure } from '../errors';
import type { Logger } from '../logging/logger';
import { openCallLogDatabase, type CallLogDatabase } from './database';
import { salvageCalls, salvageContacts } from './salvage';

/** Why the call log the app found could not be used, and where it went. */
export interface CallLogRecovery {
  /** When the damage was found (epoch ms). */
  at: number;
  /** The damaged file, moved aside and never deleted. */
  movedTo: string;
  /** What SQLite said: the first lines of `integrity_check`, or the open error. */
  reason: string;
  /** Calls copied from the damaged file into the new call log. */
  salvaged: number;
}

export interface OpenedCallLog {
  db: CallLogDatabase;
  recovery: CallLogRecovery | null;
  /** Whether `integrity_check` ran on this open. */
  checked: boolean;
  /** Closes the database and notes the clean close, so the next start may skip the full check. */
  close(): void;
}

/** Longest time between two full integrity checks, even when the app always closes cleanly. */
export const fullCheckEveryMs = 7 * 24 * 3600 * 1000;

/** Beside the database: whether the app closed it cleanly, and when it was last fully checked. */
interface OpenState {
  cleanClose: boolean;
  checkedAt: number | null;
}

const stateFile = (file: string): string => `${file}.state.json`;

const readState = (file: string): OpenState => {
  try {
    const state = JSON.parse(readFileSync(stateFile(file), 'utf8')) as Partial<OpenState>;
    return { cleanClose: state.cleanClose === true, checkedAt: typeof state.checkedAt === 'number' ? state.checkedAt : null };
  } catch {
    return { cleanClose: false, checkedAt: null };
  }
};

const writeState = (file: string, state: OpenState): void => writeFileSync(stateFile(file), `${JSON.stringify(state)}\n`, { mode: 0o600 });

/**
 * The full check reads every page (about 9 s for a million calls), so it runs
 * when it can matter: after the app did not close cleanly (crash, kill,
 * power loss), when it never ran, and at least weekly.
 */
const needsFullCheck = (state: OpenState, now: number): boolean =>
  !state.cleanClose || state.checkedAt === null || now - state.checkedAt > fullCheckEveryMs;

/** SQLite codes that mean "this file is damaged", as opposed to "cannot open it at all". */
const damageCodes = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE']);

const isDamage = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && damageCodes.has(code);
};

/**
 * `PRAGMA integrity_check` on a file before the app writes to it. Returns
 * null when SQLite says "ok", else the first problems it lists.
 */
export const integrityProblems = (db: CallLogDatabase): string | null => {
  const rows = db.pragma('integrity_check(20)') as { integrity_check: string }[];
  const lines = rows.map((r) => r.integrity_check);
  return lines.length === 1 && lines[0] === 'ok' ? null : lines.join('; ');
};

const stampOf = (ms: number): string => new Date(ms).toISOString().replace(/[:.]/g, '-');

/** Moves the database and its WAL/SHM companions aside under one damaged-<time> name. */
const setAside = (file: string, at: number): string => {
  const ext = extname(file);
  const target = join(dirname(file), `${basename(file, ext)}.damaged-${stampOf(at)}${ext}`);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  renameSync(file, target);
  return target;
};

const checkExisting = (file: string): string | null => {
  if (!existsSync(file)) return null;
  let db: CallLogDatabase | null = null;
  try {
    db = new Database(file);
    return integrityProblems(db);
  } catch (error) {
    if (isDamage(error)) return `${(error as { code: string }).code}: ${(error as Error).message}`;
    throw error;
  } finally {
    db?.close();
  }
};

/**
 * Opens the call log for the app: checks the file's integrity first (see
 * {@link needsFullCheck}) and, if
 * SQLite finds it damaged, sets it aside (renamed beside the original, never
 * deleted), starts a new call log, copies over every call still readable and
 * reports what happened so the agent can be told. Reconciliation then fills
 * in recent calls from Pilot Status.
 *
 * A file written by a newer app is refused (`CALL_LOG_TOO_NEW`) and left
 * untouched: that is not damage.
 */
export const openCallLog = (file: string, options: { now?: () => number; logger?: Logger } = {}): OpenedCallLog => {
  const now = options.now ?? Date.now;
  const state = readState(file);
  const checked = existsSync(file) && needsFullCheck(state, now());
  const started = performance.now();
  const opened = openChecked(file, checked, now(), options.logger);
  options.logger?.info({ checked, cleanClose: state.cleanClose, ms: Math.round(performance.now() - started) }, 'call log opened');
  const checkedAt = checked || !existsSync(stateFile(file)) ? now() : state.checkedAt;
  // Until closed cleanly, the next start assumes the worst and checks.
  writeState(file, { cleanClose: false, checkedAt });
  return {
    ...opened,
    checked,
    close: () => {
      opened.db.close();
      writeState(file, { cleanClose: true, checkedAt });
    },
  };
};

const openChecked = (file: string, check: boolean, at: number, logger?: Logger): Omit<OpenedCallLog, 'checked' | 'close'> => {
  const problems = check ? checkExisting(file) : null;
  if (problems !== null) return recover(file, problems, at, logger);
  try {
    return { db: openCallLogDatabase(file), recovery: null };
  } catch (error) {
    if (error instanceof AppFailure || !isDamage(error)) throw error;
    return recover(file, `${(error as { code: string }).code}: ${(error as Error).message}`, at, logger);
  }
};

const recover = (file: string, reason: string, at: number, logger?: Logger): Omit<OpenedCallLog, 'checked' | 'close'> => {
  const movedTo = setAside(file, at);
  logger?.error({ movedTo, reason }, 'call log was damaged; set aside and a new one started');
  // The fresh log gets the damaged one's permissions (0600 from the runtime), not the umask's.
  closeSync(openSync(file, 'a', statSync(movedTo).mode & 0o777));
  const db = openCallLogDatabase(file);
  const salvaged = salvageCalls(movedTo, db, at, logger);
  if (salvaged > 0) logger?.info({ salvaged, from: movedTo }, 'calls copied from the damaged call log');
  const contacts = salvageContacts(movedTo, db, logger);
  if (contacts > 0) logger?.info({ contacts, from: movedTo }, 'contacts copied from the damaged call log');
  return { db, recovery: { at, movedTo, reason, salvaged } };
};
