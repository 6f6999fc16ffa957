import type { HistoryCursor, HistoryFilter, HistorySort } from '../../../preload/contract';

/** A WHERE clause with its named parameters (better-sqlite3 `@name` style). */
export interface SqlWhere {
  sql: string;
  params: Record<string, string | number>;
}

const phoneLike = /^[\d\s()+.-]+$/;

/**
 * The FTS5 query for what was typed: every word of 3+ characters must occur
 * (trigram search matches fragments anywhere). Something that looks like a
 * phone number ("+55 (11) 98765-4321") is searched as its digits, the way
 * numbers are stored. Each word is quoted, so nothing typed is FTS syntax.
 * Null when nothing searchable was typed.
 */
export const ftsQuery = (text: string): string | null => {
  const trimmed = text.trim();
  const words = phoneLike.test(trimmed) && /\d{3}/.test(trimmed.replace(/\D/g, '')) ? [trimmed.replace(/\D/g, '')] : trimmed.split(/\s+/);
  const usable = words.filter((word) => [...word].length >= 3);
  if (usable.length === 0) return null;
  return usable.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
};

/**
 * How a text search joins the other conditions. `lookup`: fetch the matching
 * rows by rowid and sort them (best when few match). `scan`: walk the sort's
 * index and keep rows whose rowid is in the match list (best when many
 * match: the first page is found after a few hundred rows). The unary `+`
 * stops SQLite from turning the membership test back into rowid lookups.
 */
export type TextPlan = 'lookup' | 'scan';

/** Matches above this count make `scan` the faster plan. */
export const scanAboveMatches = 2000;

/** The first {@link scanAboveMatches} + 1 matches at most: enough to pick a plan, cheap to read. */
export const matchProbeSql = `SELECT count(*) AS n FROM (SELECT rowid FROM calls_search WHERE calls_search MATCH @match LIMIT ${scanAboveMatches + 1})`;

/** Each non-text filter field and its condition, named after the field's parameter. */
const conditions: [Exclude<keyof HistoryFilter, 'text'>, string][] = [
  ['accountId', 'account_id = @accountId'],
  ['direction', 'direction = @direction'],
  ['outcome', 'outcome = @outcome'],
  ['from', 'created_at >= @from'],
  ['to', 'created_at < @to'],
  ['minSeconds', 'talk_seconds >= @minSeconds'],
  ['maxSeconds', 'talk_seconds <= @maxSeconds'],
];

/**
 * The filter as SQL over `calls`. Every condition is written so that an index
 * serves it (see migration 0003): equality on an indexed column, a range on
 * `created_at` or `talk_seconds`, or a rowid list from the full-text index.
 */
export const whereOf = (filter: HistoryFilter, textPlan: TextPlan = 'lookup'): SqlWhere => {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  const match = filter.text ? ftsQuery(filter.text) : null;
  if (match) {
    clauses.push(`${textPlan === 'scan' ? '+' : ''}seq IN (SELECT rowid FROM calls_search WHERE calls_search MATCH @match)`);
    params.match = match;
  }
  for (const [key, condition] of conditions) {
    const value = filter[key];
    if (value === undefined) continue;
    clauses.push(condition);
    params[key] = value;
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
};

/** The columns a sort orders by, most significant first; `seq` makes every key unique. */
export const sortColumns = (sort: HistorySort): string[] => (sort.key === 'time' ? ['created_at', 'seq'] : ['talk_seconds', 'created_at', 'seq']);


/** The cursor of a row for `sort`: its values of {@link sortColumns}. */
export const cursorOf = (row: object, sort: HistorySort): HistoryCursor =>
  sortColumns(sort).map((column) => Number((row as Record<string, unknown>)[column]));

/** Columns a history row carries (`HistoryRow`); notes are cut to a preview in lists. */
export const listColumns = `seq, id, external_id, account_id, line_label, agent_name, provider, direction, peer_number, contact_name,
  outcome, remote_status, created_at, ringing_at, connected_at, ended_at, duration_seconds, talk_seconds,
  substr(notes, 1, 200) AS notes, disposition, tags, source`;

/** The same columns with notes in full: call detail and export. */
export const fullColumns = listColumns.replace('substr(notes, 1, 200) AS notes', 'notes');

/**
 * What the local history list shows, named as the contract's `HistoryListRow`
 * (so a row needs no renaming), notes cut to a preview; plus the sort keys a
 * page's cursor is made from (`seq`, `created_at`, `talk_seconds`). SQLite
 * keeps the aliases' case (PostgreSQL would fold them: the team server maps
 * `HistoryRow`s instead).
 */
export const listRowColumns = `seq, talk_seconds, id, created_at AS createdAt, line_label AS lineLabel, agent_name AS agentName, direction,
  peer_number AS peerNumber, contact_name AS contactName, outcome, remote_status AS remoteStatus, duration_seconds AS durationSeconds,
  substr(notes, 1, 200) AS notes, disposition, tags`;

/** The cursor of a list row (see {@link listRowColumns}) for `sort`. */
export const listRowCursorOf = (row: { seq: number; createdAt: number; talk_seconds: number }, sort: HistorySort): HistoryCursor =>
  sort.key === 'time' ? [row.createdAt, row.seq] : [row.talk_seconds, row.createdAt, row.seq];

/**
 * One page of the history in the sort's order, after `after` (keyset
 * pagination: a row-value comparison the sort's index answers directly, so
 * page 10,000 costs what page 1 costs).
 */
export const pageSql = (
  filter: HistoryFilter,
  sort: HistorySort,
  after: HistoryCursor | undefined,
  columns = listColumns,
  textPlan: TextPlan = 'lookup',
): SqlWhere => {
  const where = whereOf(filter, textPlan);
  const keys = sortColumns(sort);
  const direction = sort.order === 'desc' ? 'DESC' : 'ASC';
  const clauses = where.sql ? [where.sql.slice('WHERE '.length)] : [];
  const params: Record<string, string | number> = { ...where.params };
  if (after) {
    if (after.length !== keys.length) throw new RangeError(`a ${sort.key} cursor has ${keys.length} values`);
    const names = keys.map((_, index) => `@after${index}`);
    keys.forEach((_, index) => (params[`after${index}`] = after[index]!));
    clauses.push(`(${keys.join(', ')}) ${sort.order === 'desc' ? '<' : '>'} (${names.join(', ')})`);
  }
  const order = keys.map((key) => `${key} ${direction}`).join(', ');
  return {
    sql: `SELECT ${columns} FROM calls ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY ${order} LIMIT @limit`,
    params,
  };
};
