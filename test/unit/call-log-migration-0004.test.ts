import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openCallLogDatabase, schemaVersion } from '../../main/core/call-log/database';
import { whereOf } from '../../main/core/call-log/history-sql';
import { migration0001 } from '../../main/core/call-log/migrations/0001-calls';
import { migration0002 } from '../../main/core/call-log/migrations/0002-call-details';
import { migration0003 } from '../../main/core/call-log/migrations/0003-history-search';
import { migration0004 } from '../../main/core/call-log/migrations/0004-stats-index';
import { fillHistory } from '../support/history-generator';
import { tempDir } from '../support/temp-dir';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.remove());

test('migration 0004 adds a covering index that stats over the whole log or one line read alone, keeping every call', () => {
  const file = join(temp.path, 'call-log.sqlite');
  const v3 = openCallLogDatabase(file, [migration0001, migration0002, migration0003]);
  fillHistory(v3, { count: 3000, seed: 9 });
  const before = v3.prepare('SELECT id, outcome, created_at, duration_seconds FROM calls ORDER BY seq').all();
  v3.close();

  const db = openCallLogDatabase(file, [migration0001, migration0002, migration0003, migration0004]);
  expect(schemaVersion(db)).toBe(4);
  expect(db.prepare('SELECT id, outcome, created_at, duration_seconds FROM calls ORDER BY seq').all()).toEqual(before);
  db.exec('ANALYZE');
  for (const filter of [{}, { accountId: 'line_suporte' }]) {
    const where = whereOf(filter);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT account_id, max(line_label), count(*) FILTER (WHERE outcome = 'answered'), sum(duration_seconds) FROM calls ${where.sql} GROUP BY account_id`).all(where.params) as { detail: string }[]).map((r) => r.detail);
    expect(plan.join(' | ')).toMatch(/USING COVERING INDEX calls_stats/);
  }
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
});
