import type { Migration } from '../../core/call-log/migrations/migration';
import type { Pool } from './pg-pool';
import { teamMigrations } from './migrations/index';

/** The team database was written by a newer team server: refuse it instead of damaging it. */
export class TeamSchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`The team database has schema ${found}; this team server knows ${supported}. Update the team server; the database was left untouched.`);
    this.name = 'TeamSchemaTooNewError';
  }
}

/** An arbitrary, fixed advisory lock key: instances starting together migrate one at a time. */
const migrationLock = 7_013_104_211;

export const teamSchemaVersion = async (pool: Pool): Promise<number> => {
  const exists = (await pool.query<{ t: string | null }>(`SELECT to_regclass('team_schema')::text AS t`)).rows[0]?.t;
  if (!exists) return 0;
  return (await pool.query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM team_schema')).rows[0]!.v;
};

/**
 * Brings the team database up to date: each migration in its own
 * transaction with its version recorded in `team_schema`, under an advisory
 * lock so that several instances starting at once apply each step once.
 */
export const migrateTeamDatabase = async (pool: Pool, migrations: readonly Migration[] = teamMigrations): Promise<number> => {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLock]);
    await client.query('CREATE TABLE IF NOT EXISTS team_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const current = (await client.query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM team_schema')).rows[0]!.v;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) throw new TeamSchemaTooNewError(current, latest);
    for (const migration of migrations.filter((m) => m.version > current)) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO team_schema (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return Math.max(current, latest);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLock]).catch(() => undefined);
    client.release();
  }
};
