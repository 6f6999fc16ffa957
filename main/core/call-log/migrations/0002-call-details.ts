import type { Migration } from './migration';

/**
 * Everything a manager reviews about a call. The table is rebuilt (SQLite
 * cannot add a primary key in place) around an explicit `seq INTEGER PRIMARY
 * KEY`: a stable row number that full-text search and keyset paging refer to
 * and that VACUUM never renumbers. `talk_seconds` is the duration with "never
 * talked" as 0, so duration filters and sorting need no NULL cases.
 *
 * Also adds the per-call event timeline and the per-line reconciliation mark.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'call-details',
  sql: `
    CREATE TABLE calls_v2 (
      seq              INTEGER PRIMARY KEY,
      id               TEXT NOT NULL UNIQUE,
      external_id      TEXT,
      account_id       TEXT NOT NULL,
      line_label       TEXT NOT NULL,
      agent_name       TEXT,
      provider         TEXT NOT NULL CHECK (provider IN ('META', 'EVO_GO')),
      direction        TEXT NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
      peer_number      TEXT NOT NULL,
      contact_name     TEXT,
      outcome          TEXT CHECK (outcome IN ('answered', 'missed', 'declined', 'answered-elsewhere', 'failed', 'unknown')),
      remote_status    TEXT NOT NULL,
      created_at       INTEGER NOT NULL,
      ringing_at       INTEGER,
      connected_at     INTEGER,
      ended_at         INTEGER,
      duration_seconds INTEGER CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
      talk_seconds     INTEGER GENERATED ALWAYS AS (coalesce(duration_seconds, 0)) VIRTUAL,
      notes            TEXT NOT NULL DEFAULT '',
      disposition      TEXT,
      tags             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
      source           TEXT NOT NULL DEFAULT 'live' CHECK (source IN ('live', 'reconciled', 'salvaged')),
      updated_at       INTEGER NOT NULL
    ) STRICT;

    INSERT INTO calls_v2 (id, external_id, account_id, line_label, provider, direction, peer_number, outcome,
                          remote_status, created_at, connected_at, ended_at, duration_seconds, updated_at)
      SELECT id, external_id, account_id, line_label, provider, direction, peer_number,
             CASE WHEN outcome IN ('answered', 'missed', 'declined', 'answered-elsewhere', 'failed', 'unknown') THEN outcome
                  WHEN outcome IS NULL THEN NULL ELSE 'unknown' END,
             remote_status, created_at, connected_at, ended_at,
             CASE WHEN duration_seconds < 0 THEN NULL ELSE duration_seconds END, updated_at
      FROM calls ORDER BY created_at, id;

    DROP TABLE calls;
    ALTER TABLE calls_v2 RENAME TO calls;
    CREATE INDEX calls_by_created ON calls (created_at);

    CREATE TABLE call_events (
      call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
      at      INTEGER NOT NULL,
      kind    TEXT NOT NULL,
      detail  TEXT
    ) STRICT;
    CREATE INDEX call_events_by_call ON call_events (call_id, at);

    CREATE TABLE reconcile_marks (
      account_id       TEXT PRIMARY KEY,
      reconciled_until INTEGER NOT NULL,
      reconciled_at    INTEGER NOT NULL
    ) STRICT;
  `,
};
