import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openCallLogDatabase, schemaVersion } from '../../main/core/call-log/database';
import { whereOf } from '../../main/core/call-log/history-sql';
import { migration0001 } from '../../main/core/call-log/migrations/0001-calls';
import { migration0002 } from '../../main/core/call-log/migrations/0002-call-details';
import { migration0003 } from '../../main/core/call-log/migrations/0003-history-search';
import { migration0004 } from '../../main/core/call-log/migrations/0004-stats-index';
import { migration0005 } from '../../main/core/call-log/migrations/0005-stats-index-direction';
import { fillHistory } from '../support/history-generator';
import { tempDir } from '../support/temp-dir';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.remove());

const statsPlan = (db: ReturnType<typeof openCallLogDatabase>, filter: { accountId?: string }): string => {
  const where = whereOf(filter);
  const sql = `SELECT account_id, max(line_label), count(*) FILTER (WHERE outcome = 'missed' AND direction = 'INBOUND'), sum(duration_seconds)
               FROM calls ${where.sql} GROUP BY account_id`;
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(where.params) as { detail: string }[]).map((r) => r.detail).join(' | ');
};

test('migration 0005 puts the direction in the stats index, so counting missed (inbound) calls reads the index alone, keeping every call', () => {
  const file = join(temp.path, 'call-log.sqlite');
  const v4 = openCallLogDatabase(file, [migration0001, migration0002, migration0003, migration0004]);
  fillHistory(v4, { count: 3000, seed: 5 });
  v4.exec('ANALYZE');
  // The control: before, the direction sends the stats to the table.
  expect(statsPlan(v4, {})).not.toMatch(/COVERING INDEX/);
  const before = v4.prepare('SELECT id, direction, outcome, created_at, duration_seconds FROM calls ORDER BY seq').all();
  v4.close();

  const db = openCallLogDatabase(file, [migration0001, migration0002, migration0003, migration0004, migration0005]);
  expect(schemaVersion(db)).toBe(5);
  expect(db.prepare('SELECT id, direction, outcome, created_at, duration_seconds FROM calls ORDER BY seq').all()).toEqual(before);
  db.exec('ANALYZE');
  for (const filter of [{}, { accountId: 'line_suporte' }]) expect(statsPlan(db, filter)).toMatch(/USING COVERING INDEX calls_stats/);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
});
