import type { Migration } from '../../../core/call-log/migrations/migration';

/**
 * The team's agents: a name, the numbers they answer, a role, and the
 * SHA-256 of their token (the token itself is shown once and never stored).
 * A revoked agent keeps its row, so the history still names who answered.
 */
export const teamMigration0001: Migration = {
  version: 1,
  name: 'agents',
  sql: `
    CREATE TABLE agents (
      id         text PRIMARY KEY,
      name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
      role       text NOT NULL CHECK (role IN ('agent', 'supervisor')),
      numbers    text[] NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );
  `,
};
