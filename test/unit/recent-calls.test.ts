import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openCallLogDatabase, type CallLogDatabase } from '../../main/core/call-log/database';
import { CallLogRepository } from '../../main/core/call-log/call-log-repository';
import { CallTimeline } from '../../main/core/call-log/call-timeline';
import { RecentCalls, recentCallsSql } from '../../main/core/call-log/recent-calls';
import { silentLogger } from '../../main/core/logging/logger';
import type { CallView } from '../../preload/contract';
import { ManualClock } from '../support/manual-clock';
import { tempDir } from '../support/temp-dir';

let dir: ReturnType<typeof tempDir>;
let db: CallLogDatabase;
beforeEach(() => {
  dir = tempDir();
  db = openCallLogDatabase(join(dir.path, 'log.sqlite'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

const record = (id: string, createdAt: number, outcome: 'missed' | 'answered' | null = 'missed') => ({
  id,
  externalId: null,
  accountId: 'line-1',
  lineLabel: 'Suporte',
  provider: 'EVO_GO' as const,
  direction: 'INBOUND' as const,
  peerNumber: '+5511987654321',
  outcome,
  remoteStatus: 'ENDED',
  createdAt,
  connectedAt: null,
  endedAt: null,
  durationSeconds: null,
  contactName: id === 'b' ? 'Maria (from Pilot Status)' : null,
});

it('lists the newest calls first, each with whether it rang while the agent was away, and the name Pilot Status sent', () => {
  const clock = new ManualClock();
  const log = new CallLogRepository(db);
  const timeline = new CallTimeline(db, clock, silentLogger());
  log.upsert(record('a', 1000), 5000);
  log.upsert(record('b', 3000), 5000);
  log.upsert(record('c', 2000, 'answered'), 5000);
  timeline.observe({ id: 'a', phase: 'ringing', remoteStatus: 'RINGING', quiet: 'dnd' } as CallView);
  timeline.observe({ id: 'c', phase: 'ringing', remoteStatus: 'RINGING' } as CallView);

  const recent = new RecentCalls(db).list(10);
  expect(recent.map((r) => [r.id, r.rangWhileAway, r.contactName])).toEqual([
    ['b', null, 'Maria (from Pilot Status)'],
    ['c', null, null],
    ['a', 'dnd', null],
  ]);
  expect(new RecentCalls(db).list(1).map((r) => r.id)).toEqual(['b']);
});

it('walks the time index, sorting only calls of the same millisecond, whatever the log size', () => {
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${recentCallsSql}`).all(50) as { detail: string }[]).map((row) => row.detail);
  expect(plan.some((detail) => /SCAN calls USING (COVERING )?INDEX calls_by_created/.test(detail))).toBe(true);
  // Ties on created_at are ordered by rowid in a small sorter; the whole log is never sorted.
  expect(plan.filter((detail) => /TEMP B-TREE/.test(detail))).toEqual(['USE TEMP B-TREE FOR LAST TERM OF ORDER BY']);
  expect(plan.some((detail) => /call_events USING INDEX call_events_by_call/.test(detail))).toBe(true);
});
