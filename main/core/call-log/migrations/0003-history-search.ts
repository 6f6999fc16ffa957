import type { Migration } from './migration';

/**
 * Indexes for every history filter and full-text search.
 *
 * `(created_at, talk_seconds)` serves date ranges and time order; a duration
 * filter on a time-ordered walk is decided from the index entry, before the
 * row is read.
 * Each equality filter gets `(column, created_at)`, so "this line, newest
 * first" is one ordered index walk with no sort (`seq`, the rowid, rides along
 * in every index and breaks ties). Duration has `(talk_seconds, created_at)`
 * for range filters and for sorting by duration, and `(account_id,
 * talk_seconds, created_at)` and `(outcome, talk_seconds, created_at)` for
 * "longest calls on this line" and "longest answered calls" without a sort.
 *
 * Search is FTS5 with the trigram tokenizer over number, contact name, notes,
 * disposition and tags: any 3+ character fragment matches (the last digits of
 * a number, part of a name), case- and accent-insensitively. It is an
 * external-content table over `calls`, kept in step by triggers.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'history-search',
  sql: `
    DROP INDEX calls_by_created;
    CREATE INDEX calls_by_created   ON calls (created_at, talk_seconds);
    CREATE INDEX calls_by_line      ON calls (account_id, created_at);
    CREATE INDEX calls_by_direction ON calls (direction, created_at);
    CREATE INDEX calls_by_outcome   ON calls (outcome, created_at);
    CREATE INDEX calls_by_talk      ON calls (talk_seconds, created_at);
    CREATE INDEX calls_by_line_talk ON calls (account_id, talk_seconds, created_at);
    CREATE INDEX calls_by_outcome_talk ON calls (outcome, talk_seconds, created_at);

    CREATE VIRTUAL TABLE calls_search USING fts5 (
      peer_number, contact_name, notes, disposition, tags,
      content = 'calls', content_rowid = 'seq',
      tokenize = 'trigram remove_diacritics 1'
    );
    INSERT INTO calls_search (calls_search) VALUES ('rebuild');

    CREATE TRIGGER calls_search_insert AFTER INSERT ON calls BEGIN
      INSERT INTO calls_search (rowid, peer_number, contact_name, notes, disposition, tags)
        VALUES (new.seq, new.peer_number, new.contact_name, new.notes, new.disposition, new.tags);
    END;
    CREATE TRIGGER calls_search_delete AFTER DELETE ON calls BEGIN
      INSERT INTO calls_search (calls_search, rowid, peer_number, contact_name, notes, disposition, tags)
        VALUES ('delete', old.seq, old.peer_number, old.contact_name, old.notes, old.disposition, old.tags);
    END;
    CREATE TRIGGER calls_search_update AFTER UPDATE OF peer_number, contact_name, notes, disposition, tags ON calls
      WHEN old.peer_number IS NOT new.peer_number OR old.contact_name IS NOT new.contact_name
        OR old.notes IS NOT new.notes OR old.disposition IS NOT new.disposition OR old.tags IS NOT new.tags
    BEGIN
      INSERT INTO calls_search (calls_search, rowid, peer_number, contact_name, notes, disposition, tags)
        VALUES ('delete', old.seq, old.peer_number, old.contact_name, old.notes, old.disposition, old.tags);
      INSERT INTO calls_search (rowid, peer_number, contact_name, notes, disposition, tags)
        VALUES (new.seq, new.peer_number, new.contact_name, new.notes, new.disposition, new.tags);
    END;
  `,
};
