import type { Migration } from '../../../core/call-log/migrations/migration';

/**
 * The team's calls, one row each, with the same columns and meanings as the
 * app's local call log (times in epoch milliseconds, `talk_seconds` the
 * duration with "never talked" as 0, tags a JSON array), plus who answered
 * (`agent_id`, `agent_name`), when and by whom the notes were last edited,
 * and the stream position of the last event applied (`event_ms`,
 * `event_seq`), so an older event delivered late never overwrites a newer
 * status. `seq` breaks ties in keyset paging, as SQLite's rowid does.
 *
 * One index per history filter, each ending in `(created_at, seq)`, so
 * "this line, newest first" is one ordered index walk; the duration sort
 * has its own; the stats read a covering index.
 */
export const teamMigration0002: Migration = {
  version: 2,
  name: 'team-calls',
  sql: `
    CREATE TABLE calls (
      seq              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      id               text PRIMARY KEY,
      external_id      text,
      account_id       text NOT NULL,
      line_label       text NOT NULL,
      agent_id         text,
      agent_name       text,
      provider         text NOT NULL CHECK (provider IN ('META', 'EVO_GO')),
      direction        text NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
      peer_number      text NOT NULL,
      contact_name     text,
      outcome          text CHECK (outcome IN ('answered', 'missed', 'declined', 'answered-elsewhere', 'failed', 'unknown')),
      remote_status    text NOT NULL,
      created_at       bigint NOT NULL,
      ringing_at       bigint,
      connected_at     bigint,
      ended_at         bigint,
      duration_seconds integer CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
      talk_seconds     integer GENERATED ALWAYS AS (coalesce(duration_seconds, 0)) STORED,
      notes            text NOT NULL DEFAULT '',
      disposition      text,
      tags             text NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags::jsonb) = 'array'),
      source           text NOT NULL DEFAULT 'live' CHECK (source IN ('live', 'reconciled', 'salvaged')),
      annotated_at     bigint,
      annotated_by     text,
      event_ms         bigint NOT NULL DEFAULT 0,
      event_seq        bigint NOT NULL DEFAULT 0,
      updated_at       bigint NOT NULL
    );
    CREATE INDEX calls_by_created      ON calls (created_at, seq);
    CREATE INDEX calls_by_line         ON calls (account_id, created_at, seq);
    CREATE INDEX calls_by_direction    ON calls (direction, created_at, seq);
    CREATE INDEX calls_by_outcome      ON calls (outcome, created_at, seq);
    CREATE INDEX calls_by_talk         ON calls (talk_seconds, created_at, seq);
    CREATE INDEX calls_by_line_talk    ON calls (account_id, talk_seconds, created_at, seq);
    CREATE INDEX calls_by_outcome_talk ON calls (outcome, talk_seconds, created_at, seq);
    CREATE INDEX calls_stats           ON calls (account_id, outcome, created_at) INCLUDE (duration_seconds, line_label, direction);
  `,
};
