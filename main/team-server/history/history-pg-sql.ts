import type { HistoryCursor, HistoryFilter, HistorySort } from '../../../preload/contract';
import { ftsQuery, listColumns, sortColumns, whereOf } from '../../core/call-log/history-sql';
import { accentFrom, accentTo } from './migrations/0003-history-search';

export type PgValue = string | number | string[];

/** A WHERE clause in the local history's named `@param` style, for PostgreSQL. */
export interface PgWhere {
  sql: string;
  params: Record<string, PgValue>;
}

/** `@name` SQL and its values → PostgreSQL's `$n` text and value list (each name numbered once). */
export const toPositional = (sql: string, params: Record<string, PgValue>): { text: string; values: PgValue[] } => {
  const order: string[] = [];
  const text = sql.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    if (!(name in params)) throw new RangeError(`no value for @${name}`);
    let index = order.indexOf(name);
    if (index < 0) index = order.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text, values: order.map((name) => params[name]!) };
};

/**
 * The words a search must find, by the local history's own rule
 * (`ftsQuery`: words of 3+ characters, a phone-looking entry as its digits),
 * read back from the query it builds.
 */
export const searchWords = (text: string | undefined): string[] => {
  const query = text ? ftsQuery(text) : null;
  if (!query) return [];
  return [...query.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1]!.replaceAll('""', '"'));
};

const likePattern = (word: string): string => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The filter as SQL over the team's `calls`: the local history's conditions
 * (`whereOf`, the same columns exist here), each search word as a trigram
 * `LIKE` on the accent-free `search` column (the typed word gets the same
 * lowercasing and accent map, in the database), and, for an agent who is not
 * a supervisor, only the numbers they answer.
 */
export const teamWhere = (filter: HistoryFilter, scope?: readonly string[]): PgWhere => {
  const base = whereOf({ ...filter, text: undefined });
  const clauses = base.sql ? [base.sql.slice('WHERE '.length)] : [];
  const params: Record<string, PgValue> = { ...base.params };
  searchWords(filter.text).forEach((word, index) => {
    clauses.push(`search LIKE lower(translate(@word${index}, '${accentFrom}', '${accentTo}'))`);
    params[`word${index}`] = likePattern(word);
  });
  if (scope) {
    clauses.push('account_id = ANY(@scope)');
    params.scope = [...scope];
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
};

/** One keyset page in the sort's order after `after`, as the local history pages (`pageSql`). */
export const teamPageSql = (filter: HistoryFilter, sort: HistorySort, after: HistoryCursor | undefined, columns: string, scope?: readonly string[]): PgWhere => {
  const where = teamWhere(filter, scope);
  const keys = sortColumns(sort);
  const clauses = where.sql ? [where.sql.slice('WHERE '.length)] : [];
  const params = { ...where.params };
  if (after) {
    if (after.length !== keys.length) throw new RangeError(`a ${sort.key} cursor has ${keys.length} values`);
    keys.forEach((_, index) => (params[`after${index}`] = after[index]!));
    clauses.push(`(${keys.join(', ')}) ${sort.order === 'desc' ? '<' : '>'} (${keys.map((_, index) => `@after${index}`).join(', ')})`);
  }
  const direction = sort.order === 'desc' ? 'DESC' : 'ASC';
  return {
    sql: `SELECT ${columns} FROM calls ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY ${keys.map((k) => `${k} ${direction}`).join(', ')} LIMIT @limit`,
    params,
  };
};

export { listColumns };
