import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HistoryFilter, HistorySort } from '../../preload/contract';
import { pageSql, whereOf, type TextPlan } from '../../main/core/call-log/history-sql';
import { generateHistory, generatedLines } from '../support/history-generator';
import { tempDir } from '../support/temp-dir';

/**
 * EXPLAIN QUERY PLAN for every history filter, on generated data with
 * planner statistics (ANALYZE), as the app would have after `PRAGMA optimize`.
 * The rule: `calls` is only ever reached through an index (never a bare
 * table scan), and the index the plan walks contains the filtered column, so
 * the filter is decided from index entries rather than from every row.
 */
const temp = tempDir('pilot-plan-');
const endMs = Date.UTC(2025, 5, 30, 21, 0, 0);
let db: Database.Database;

beforeAll(() => {
  db = generateHistory(join(temp.path, 'call-log.sqlite'), { count: 30_000, seed: 3, endMs, days: 200 });
});
afterAll(() => {
  db.close();
  temp.remove();
});

const planOf = (sql: string, params: Record<string, unknown>): string[] =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);

const indexColumns = (index: string): string[] => (db.pragma(`index_info(${index})`) as { name: string }[]).map((c) => c.name);

/** The indexes the plan reaches `calls` through; fails on a bare table scan. */
const callsAccess = (plan: string[]): string[] => {
  const access = plan.filter((step) => /^(SCAN|SEARCH) calls\b/.test(step));
  expect(access.length, plan.join(' | ')).toBeGreaterThan(0);
  return access.map((step) => {
    expect(step, `bare scan of calls in: ${plan.join(' | ')}`).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
    return /USING (?:COVERING )?INDEX (\w+)/.exec(step)?.[1] ?? 'rowid';
  });
};

const time: HistorySort = { key: 'time', order: 'desc' };
const longest: HistorySort = { key: 'duration', order: 'desc' };

const cases: { name: string; filter: HistoryFilter; column: string; sort?: HistorySort }[] = [
  { name: 'line', filter: { accountId: generatedLines[0].id }, column: 'account_id' },
  { name: 'direction', filter: { direction: 'OUTBOUND' }, column: 'direction' },
  { name: 'outcome: missed', filter: { outcome: 'missed' }, column: 'outcome' },
  { name: 'outcome: answered', filter: { outcome: 'answered' }, column: 'outcome' },
  { name: 'date range', filter: { from: endMs - 7 * 86_400_000, to: endMs }, column: 'created_at' },
  { name: 'date from', filter: { from: endMs - 7 * 86_400_000 }, column: 'created_at' },
  { name: 'duration at least', filter: { minSeconds: 300 }, column: 'talk_seconds' },
  { name: 'duration at most', filter: { maxSeconds: 20 }, column: 'talk_seconds' },
  { name: 'duration range', filter: { minSeconds: 60, maxSeconds: 120 }, column: 'talk_seconds' },
  { name: 'line, longest first', filter: { accountId: generatedLines[2].id }, column: 'account_id', sort: longest },
  { name: 'missed, longest first', filter: { outcome: 'missed' }, column: 'outcome', sort: longest },
  { name: 'duration, longest first', filter: { minSeconds: 600 }, column: 'talk_seconds', sort: longest },
];

test.each(cases)('$name: the plan walks an index holding the filtered column', ({ filter, column, sort = time }) => {
  const { sql, params } = pageSql(filter, sort, undefined);
  const plan = planOf(sql, { ...params, limit: 50 });
  const indexes = callsAccess(plan);
  expect(indexes.some((index) => index !== 'rowid' && indexColumns(index).includes(column)), `${column} not in ${indexes.join(', ')}: ${plan.join(' | ')}`).toBe(true);
  // The same filter on the next page (keyset cursor) keeps using an index.
  const next = pageSql(filter, sort, sort.key === 'time' ? [endMs - 86_400_000, 100] : [30, endMs - 86_400_000, 100]);
  callsAccess(planOf(next.sql, { ...next.params, limit: 50 }));
});

test.each<TextPlan>(['lookup', 'scan'])('text search (%s plan) reads the full-text index, and calls only through an index or rowid', (textPlan) => {
  for (const filter of [{ text: 'conceição' }, { text: '98765', accountId: generatedLines[1].id }, { text: 'retorno', outcome: 'missed' as const }]) {
    const { sql, params } = pageSql(filter, time, undefined, undefined, textPlan);
    const plan = planOf(sql, { ...params, limit: 50 });
    expect(plan.join(' | ')).toMatch(/SCAN calls_search VIRTUAL TABLE INDEX \d+:M/);
    const access = callsAccess(plan);
    if (textPlan === 'lookup') expect(access).toContain('rowid');
    else expect(access).not.toContain('rowid');
  }
});

test('stats and export counts use the same indexed filters', () => {
  for (const { filter, column } of cases) {
    const where = whereOf(filter);
    const plan = planOf(`SELECT count(*) FROM calls ${where.sql}`, where.params);
    const indexes = callsAccess(plan);
    expect(indexes.some((index) => index !== 'rowid' && indexColumns(index).includes(column)), plan.join(' | ')).toBe(true);
  }
});
