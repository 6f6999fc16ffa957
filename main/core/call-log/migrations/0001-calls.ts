import type { Migration } from './migration';

/** One row per call, written as events arrive. Times are epoch milliseconds. */
export const migration0001: Migration = {
  version: 1,
  name: 'calls',
  sql: `
    CREATE TABLE calls (
      id               TEXT PRIMARY KEY,
      external_id      TEXT,
      account_id       TEXT NOT NULL,
      line_label       TEXT NOT NULL,
      provider         TEXT NOT NULL CHECK (provider IN ('META', 'EVO_GO')),
      direction        TEXT NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
      peer_number      TEXT NOT NULL,
      outcome          TEXT,
      remote_status    TEXT NOT NULL,
      created_at       INTEGER NOT NULL,
      connected_at     INTEGER,
      ended_at         INTEGER,
      duration_seconds INTEGER,
      updated_at       INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX calls_by_created_at ON calls (created_at DESC);
  `,
};
