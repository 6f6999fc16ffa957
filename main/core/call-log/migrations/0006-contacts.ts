import type { Migration } from './migration';

/**
 * The agents' contacts, beside the calls they name.
 *
 * One row per number (`match_key` unique: a Brazilian mobile with or without
 * its ninth digit is one number, see contacts/contact-number.ts). Search is
 * FTS5 trigram over name, company and the number's digits (fragments of 3+
 * characters, accents and case ignored), kept in step by triggers;
 * `search_words` (name and company, lower case, no accents) serves the
 * word-start matches of 1-2 letters.
 *
 * `calls_by_peer` finds a number's calls without a scan, so a contact added
 * or renamed names the calls from that number at once (and a customer's
 * last calls can be listed).
 */
export const migration0006: Migration = {
  version: 6,
  name: 'contacts',
  sql: `
    CREATE TABLE contacts (
      id           INTEGER PRIMARY KEY,
      name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      number       TEXT NOT NULL CHECK (number GLOB '+[1-9]*'),
      match_key    TEXT NOT NULL UNIQUE,
      company      TEXT NOT NULL DEFAULT '' CHECK (length(company) <= 120),
      note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
      digits       TEXT NOT NULL,
      search_words TEXT NOT NULL,
      created_at   INTEGER NOT NULL,
      updated_at   INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX contacts_by_name ON contacts (name COLLATE NOCASE, id);

    CREATE VIRTUAL TABLE contacts_search USING fts5 (
      name, company, digits,
      content = 'contacts', content_rowid = 'id',
      tokenize = 'trigram remove_diacritics 1'
    );
    CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
      INSERT INTO contacts_search (rowid, name, company, digits) VALUES (new.id, new.name, new.company, new.digits);
    END;
    CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
      INSERT INTO contacts_search (contacts_search, rowid, name, company, digits) VALUES ('delete', old.id, old.name, old.company, old.digits);
    END;
    CREATE TRIGGER contacts_search_update AFTER UPDATE OF name, company, digits ON contacts BEGIN
      INSERT INTO contacts_search (contacts_search, rowid, name, company, digits) VALUES ('delete', old.id, old.name, old.company, old.digits);
      INSERT INTO contacts_search (rowid, name, company, digits) VALUES (new.id, new.name, new.company, new.digits);
    END;

    CREATE INDEX calls_by_peer ON calls (peer_number, created_at);
  `,
};
