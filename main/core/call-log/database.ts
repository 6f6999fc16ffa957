import Database from 'better-sqlite3';
import { AppFailure } from '../errors';
import { migrations as allMigrations } from './migrations/index';
import type { Migration } from './migrations/migration';

export type CallLogDatabase = Database.Database;

/**
 * Opens (creating if needed) the call-log database: WAL, foreign keys,
 * migrations by `PRAGMA user_version`, each in its own transaction. A file
 * written by a newer app is refused rather than damaged.
 */
export const openCallLogDatabase = (file: string, migrations: readonly Migration[] = allMigrations): CallLogDatabase => {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    // Keeps planner statistics current (ANALYZE where they are missing or stale), so history queries pick their indexes.
    db.pragma('optimize=0x10002');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};

export const schemaVersion = (db: CallLogDatabase): number => db.pragma('user_version', { simple: true }) as number;

export const migrate = (db: CallLogDatabase, migrations: readonly Migration[]): void => {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new AppFailure(
      'CALL_LOG_TOO_NEW',
      `The call log was written by a newer version of the app (schema ${current}, this app knows ${latest}). Update the app; the file was left untouched.`,
      { found: current, supported: latest },
    );
  }
  for (const migration of migrations.filter((m) => m.version > current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
};
