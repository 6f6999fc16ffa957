import Database from 'better-sqlite3';
import { join } from 'node:path';

/** A row of the app's call log as stored (snake_case columns, epoch ms times). */
export interface CallLogRow {
  id: string;
  direction: string;
  provider: string;
  outcome: string | null;
  duration_seconds: number | null;
  connected_at: number | null;
  ended_at: number | null;
  peer_number: string;
}

/** Opens the app's call-log file read-only; close it when done. */
export const openCallLogFile = (dataDir: string): Database.Database => new Database(join(dataDir, 'call-log.sqlite'), { readonly: true, fileMustExist: true });

/** The first row of one query on the app's call-log file. */
export const queryCallLog = <T>(dataDir: string, sql: string, ...params: unknown[]): T => {
  const db = openCallLogFile(dataDir);
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
};

/** Reads the call log straight from the app's SQLite file (read-only), newest first. */
export const readCallLog = (dataDir: string): CallLogRow[] => {
  const db = openCallLogFile(dataDir);
  try {
    return db.prepare('SELECT id, direction, provider, outcome, duration_seconds, connected_at, ended_at, peer_number FROM calls ORDER BY created_at DESC').all() as CallLogRow[];
  } finally {
    db.close();
  }
};
