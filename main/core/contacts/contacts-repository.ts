import type Database from 'better-sqlite3';
import type { ContactPage, ContactView } from '../../../preload/contract';
import { isoTime } from '../clock';
import { numberDigits, numberMatchKey } from './contact-number';

interface ContactRow {
  id: number;
  name: string;
  number: string;
  company: string;
  note: string;
  created_at: number;
  updated_at: number;
}

/** A contact as stored, its number already E.164. */
export interface ContactFields {
  name: string;
  number: string;
  company: string;
  note: string;
}

const toView = (row: ContactRow): ContactView => ({
  id: row.id,
  name: row.name,
  number: row.number,
  company: row.company,
  note: row.note,
  createdAt: isoTime(row.created_at),
  updatedAt: isoTime(row.updated_at),
});

/** Lower case, accents removed, words separated by one space: what 1-2 letter searches compare with. */
export const searchWords = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const quoted = (term: string) => `"${term.replaceAll('"', '""')}"`;
const likeEscaped = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE clause for what was typed. Every word must match: digits (and
 * phone punctuation, words in a row joined) anywhere in the number's digits, any other
 * word anywhere in the name or company; 3+ characters through the trigram
 * index, shorter ones as the start of a word (or a run of digits).
 */
export const contactSearchWhere = (query: string): { sql: string; params: Record<string, string> } => {
  const phrases: string[] = [];
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  // Words of digits next to each other are one number as typed (`+55 21 99887-7665`).
  const words: { isNumber: boolean; term: string }[] = [];
  for (const word of query.trim().split(/\s+/).filter(Boolean)) {
    const isNumber = /^[\d()+.\-/]+$/.test(word) && /\d/.test(word);
    const term = isNumber ? word.replace(/\D/g, '') : searchWords(word).replace(/ /g, '');
    const previous = words.at(-1);
    if (isNumber && previous?.isNumber) previous.term += term;
    else if (term) words.push({ isNumber, term });
  }
  for (const { isNumber, term } of words) {
    const key = `t${Object.keys(params).length}`;
    if ([...term].length >= 3) {
      phrases.push(`${isNumber ? 'digits' : '{name company}'} : ${quoted(term)}`);
    } else {
      params[key] = likeEscaped(term);
      clauses.push(isNumber ? `digits LIKE '%' || @${key} || '%' ESCAPE '\\'` : `(' ' || search_words) LIKE '% ' || @${key} || '%' ESCAPE '\\'`);
    }
  }
  if (phrases.length > 0) {
    params.match = phrases.join(' AND ');
    clauses.unshift('id IN (SELECT rowid FROM contacts_search WHERE contacts_search MATCH @match)');
  }
  // Only punctuation typed: it matches no one (rather than everyone).
  if (clauses.length === 0 && query.trim() !== '') clauses.push('0');
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
};

/** The contacts table: rows, search, and the number lookup every call's name comes from. */
export class ContactsRepository {
  private readonly byKey;
  private readonly byId;
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly deleteStatement;
  private readonly searches = new Map<string, { rows: Database.Statement; count: Database.Statement }>();

  constructor(private readonly db: Database.Database) {
    this.byKey = db.prepare<[string], ContactRow>('SELECT * FROM contacts WHERE match_key = ?');
    this.byId = db.prepare<[number], ContactRow>('SELECT * FROM contacts WHERE id = ?');
    this.insertStatement = db.prepare(`
      INSERT INTO contacts (name, number, match_key, company, note, digits, search_words, created_at, updated_at)
      VALUES (@name, @number, @matchKey, @company, @note, @digits, @searchWords, @now, @now)`);
    this.updateStatement = db.prepare(`
      UPDATE contacts SET name = @name, number = @number, match_key = @matchKey, company = @company, note = @note,
                          digits = @digits, search_words = @searchWords, updated_at = @now
      WHERE id = @id`);
    this.deleteStatement = db.prepare<[number]>('DELETE FROM contacts WHERE id = ?');
  }

  /** Runs `work` in one transaction (an import's batch). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  get(id: number): ContactView | null {
    const row = this.byId.get(id);
    return row ? toView(row) : null;
  }

  /** The contact with this number (either form of a Brazilian mobile), if any. */
  withNumber(e164: string): ContactView | null {
    const row = this.byKey.get(numberMatchKey(e164));
    return row ? toView(row) : null;
  }

  insert(fields: ContactFields, now: number): ContactView {
    const columns = this.columns(fields, now);
    const { lastInsertRowid } = this.insertStatement.run(columns);
    return toView({ ...fields, id: Number(lastInsertRowid), created_at: columns.now, updated_at: columns.now });
  }

  update(id: number, fields: ContactFields, now: number): ContactView {
    this.updateStatement.run({ ...this.columns(fields, now), id });
    return this.get(id)!;
  }

  remove(id: number): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }

  /** Contacts matching what was typed (see {@link contactSearchWhere}), by name; everyone when nothing was typed. */
  search(query: string, limit: number): ContactPage {
    const where = contactSearchWhere(query);
    let statements = this.searches.get(where.sql);
    if (!statements) {
      statements = {
        rows: this.db.prepare(`SELECT * FROM contacts ${where.sql} ORDER BY name COLLATE NOCASE, id LIMIT @limit`),
        count: this.db.prepare(`SELECT count(*) AS n FROM contacts ${where.sql}`),
      };
      if (this.searches.size > 100) this.searches.clear();
      this.searches.set(where.sql, statements);
    }
    const rows = statements.rows.all({ ...where.params, limit }) as ContactRow[];
    const { n } = statements.count.get(where.params) as { n: number };
    return { contacts: rows.map(toView), total: n };
  }

  private columns(fields: ContactFields, now: number) {
    return {
      ...fields,
      matchKey: numberMatchKey(fields.number),
      digits: numberDigits(fields.number),
      searchWords: searchWords(`${fields.name} ${fields.company}`),
      now: Math.round(now),
    };
  }
}
