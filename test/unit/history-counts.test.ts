process.env.TZ = 'America/New_York';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HistoryFilter, HistorySort } from '../../preload/contract';
import { generateHistory, generatedLines } from '../support/history-generator';
import { historyHarness } from '../support/history-harness';
import { tempDir } from '../support/temp-dir';

/**
 * The history's search, filters, stats and export against an independent
 * oracle on the same generated data: hand-written SQL for filters and
 * stats (local hours and days by SQLite's own `localtime`), and a plain
 * accent- and case-folding substring scan in JavaScript for search.
 */
const temp = tempDir('pilot-history-');
const endMs = Date.UTC(2025, 5, 30, 21, 0, 0);
const dayMs = 86_400_000;
let db: Database.Database;
let harness: Awaited<ReturnType<typeof historyHarness>>;

interface Row {
  id: string;
  account_id: string;
  direction: string;
  outcome: string | null;
  created_at: number;
  duration_seconds: number | null;
  peer_number: string;
  contact_name: string | null;
  notes: string;
  disposition: string | null;
  tags: string;
  seq: number;
}
let all: Row[];

beforeAll(async () => {
  db = generateHistory(join(temp.path, 'call-log.sqlite'), { count: 12_000, seed: 7, endMs, days: 120 });
  // A few rows made for the edge cases: accents, formula-looking text, a live call.
  db.prepare(`UPDATE calls SET contact_name = 'Conceição Brandão', notes = '=1+1 cliente pediu' WHERE seq = 10`).run();
  db.prepare(`UPDATE calls SET outcome = NULL, remote_status = 'ACCEPTED', ended_at = NULL, duration_seconds = NULL WHERE seq = 11`).run();
  all = db.prepare('SELECT * FROM calls').all() as Row[];
  harness = await historyHarness(db, join(temp.path, 'exports'));
});
afterAll(() => {
  db.close();
  temp.remove();
});

const fold = (text: string): string => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** The oracle for search: every word of 3+ characters occurs somewhere in the call's searchable text. */
const textMatches = (row: Row, text: string): boolean => {
  const haystack = fold([row.peer_number, row.contact_name ?? '', row.notes, row.disposition ?? '', row.tags].join('\u0001'));
  const phone = /^[\d\s()+.-]+$/.test(text.trim());
  const words = phone ? [text.replace(/\D/g, '')] : text.trim().split(/\s+/).filter((w) => [...w].length >= 3);
  return words.every((w) => haystack.includes(fold(w)));
};

/** The oracle for filters: hand-written SQL, then the text search in JS. */
const oracleRows = (filter: HistoryFilter): Row[] => {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (filter.accountId) add('account_id = ?', filter.accountId);
  if (filter.direction) add('direction = ?', filter.direction);
  if (filter.outcome) add('outcome = ?', filter.outcome);
  if (filter.from !== undefined) add('created_at >= ?', filter.from);
  if (filter.to !== undefined) add('created_at < ?', filter.to);
  if (filter.minSeconds !== undefined) add('IFNULL(duration_seconds, 0) >= ?', filter.minSeconds);
  if (filter.maxSeconds !== undefined) add('IFNULL(duration_seconds, 0) <= ?', filter.maxSeconds);
  const rows = db.prepare(`SELECT * FROM calls ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).all(...params) as Row[];
  return filter.text ? rows.filter((row) => textMatches(row, filter.text!)) : rows;
};

const sorted = (rows: Row[], sort: HistorySort): string[] => {
  const key = (r: Row) => (sort.key === 'time' ? [r.created_at, r.seq] : [r.duration_seconds ?? 0, r.created_at, r.seq]);
  const sign = sort.order === 'desc' ? -1 : 1;
  return [...rows]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return sign * (ka[i]! - kb[i]!);
      return 0;
    })
    .map((r) => r.id);
};

const filters: [string, HistoryFilter][] = [
  ['no filter', {}],
  ['one line', { accountId: generatedLines[1].id }],
  ['outbound', { direction: 'OUTBOUND' }],
  ['missed', { outcome: 'missed' }],
  ['answered elsewhere', { outcome: 'answered-elsewhere' }],
  ['last 7 days', { from: endMs - 7 * dayMs, to: endMs }],
  ['talk at least 5 min', { minSeconds: 300 }],
  ['talk at most 20 s', { maxSeconds: 20 }],
  ['digits of a number', { text: '' }],
  ['a name without accents', { text: 'conceicao' }],
  ['a name with accents, upper case', { text: 'BRANDÃO' }],
  ['a word in notes', { text: 'retorno' }],
  ['a tag', { text: 'urgente' }],
  ['a formatted phone number', { text: '' }],
  ['two words', { text: 'fatura março' }],
  ['line, missed, last 30 days', { accountId: generatedLines[0].id, outcome: 'missed', from: endMs - 30 * dayMs, to: endMs }],
  ['inbound answered 1-10 min', { direction: 'INBOUND', outcome: 'answered', minSeconds: 60, maxSeconds: 600 }],
  ['search within a line', { text: 'silva', accountId: generatedLines[3].id }],
];

describe.each(filters)('%s', (_name, given) => {
  // Number searches take digits from a real row, so they match something by construction and by the oracle alike.
  const filterOf = (): HistoryFilter => {
    if (_name === 'digits of a number') return { text: all[500]!.peer_number.slice(-6) };
    if (_name === 'a formatted phone number') {
      const n = all[900]!.peer_number;
      return { text: `+${n.slice(1, 3)} (${n.slice(3, 5)}) ${n.slice(5, 10)}-${n.slice(10)}` };
    }
    return given;
  };

  test.each<HistorySort>([
    { key: 'time', order: 'desc' },
    { key: 'duration', order: 'desc' },
    { key: 'time', order: 'asc' },
  ])('every page of the list, sorted by $key $order, is the oracle in order', async (sort) => {
    const filter = filterOf();
    const expected = sorted(oracleRows(filter), sort);
    const seen: string[] = [];
    let after: number[] | undefined;
    for (let guard = 0; guard < 100; guard += 1) {
      const page = await harness.call('history.query', { filter, sort, limit: 400, ...(after ? { after } : {}) });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(expected);
  });

  test('stats equal direct SQL', async () => {
    const filter = filterOf();
    const ids = new Set(oracleRows(filter).map((r) => r.id));
    const stats = await harness.call('history.stats', { filter });
    const rows = all.filter((r) => ids.has(r.id));
    const answered = rows.filter((r) => r.outcome === 'answered');
    const ended = rows.filter((r) => r.outcome !== null);
    expect(stats).toMatchObject({
      total: rows.length,
      answered: answered.length,
      // Missed: customers who called and were not answered (an outbound call nobody picked up is not one).
      missed: rows.filter((r) => r.outcome === 'missed' && r.direction === 'INBOUND').length,
      declined: rows.filter((r) => r.outcome === 'declined').length,
      failed: rows.filter((r) => r.outcome === 'failed').length,
    });
    expect(stats.answerRate).toBe(ended.length ? answered.length / ended.length : null);
    const talk = answered.filter((r) => r.duration_seconds !== null);
    if (talk.length) expect(stats.avgTalkSeconds).toBeCloseTo(talk.reduce((s, r) => s + r.duration_seconds!, 0) / talk.length, 9);
    else expect(stats.avgTalkSeconds).toBeNull();

    // Local hours and days as SQLite's localtime sees them, over the same ids.
    db.exec('CREATE TEMP TABLE IF NOT EXISTS picked (id TEXT PRIMARY KEY)');
    db.exec('DELETE FROM picked');
    const pick = db.prepare('INSERT INTO picked VALUES (?)');
    db.transaction(() => ids.forEach((id) => pick.run(id)))();
    const local = (format: string) =>
      db
        .prepare(
          `SELECT strftime('${format}', created_at / 1000, 'unixepoch', 'localtime') AS k, count(*) AS total,
             sum(outcome = 'answered') AS answered, sum(outcome = 'missed' AND direction = 'INBOUND') AS missed
           FROM calls WHERE id IN (SELECT id FROM picked) GROUP BY k ORDER BY k`,
        )
        .all() as { k: string; total: number; answered: number; missed: number }[];
    expect(stats.byDay).toEqual(local('%Y-%m-%d').map(({ k, ...counts }) => ({ day: k, ...counts })));
    const hours = new Map(local('%H').map(({ k, ...counts }) => [Number(k), counts]));
    expect(stats.byHour).toEqual(Array.from({ length: 24 }, (_, hour) => ({ hour, ...(hours.get(hour) ?? { total: 0, answered: 0, missed: 0 }) })));
    const perLine = db
      .prepare(`SELECT account_id AS accountId, count(*) AS total, sum(outcome = 'missed' AND direction = 'INBOUND') AS missed FROM calls WHERE id IN (SELECT id FROM picked) GROUP BY account_id`)
      .all() as { accountId: string; total: number; missed: number }[];
    expect(stats.perLine.map(({ accountId, total, missed }) => ({ accountId, total, missed })).sort((a, b) => a.accountId.localeCompare(b.accountId))).toEqual(
      perLine.sort((a, b) => a.accountId.localeCompare(b.accountId)),
    );
  });

  test('the CSV export has exactly the oracle rows, in order', async () => {
    const filter = filterOf();
    const sort: HistorySort = { key: 'time', order: 'desc' };
    const expected = sorted(oracleRows(filter), sort);
    const { rows, progress } = await harness.exportCsv({ filter, sort });
    const [header, ...body] = rows;
    const idColumn = header!.indexOf('Call ID');
    expect(idColumn).toBeGreaterThan(-1);
    expect(body.map((cells) => cells[idColumn])).toEqual(expected);
    expect(progress).toMatchObject({ state: 'done', written: expected.length, total: expected.length });
  });
});

test('the oracle is not trivially empty: each filter above matches something', () => {
  for (const [name, filter] of filters) {
    if (filter.text === '') continue;
    expect(oracleRows(filter).length, name).toBeGreaterThan(0);
  }
});
