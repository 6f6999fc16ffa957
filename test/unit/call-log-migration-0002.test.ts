import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openCallLogDatabase, schemaVersion } from '../../main/core/call-log/database';
import { migration0001 } from '../../main/core/call-log/migrations/0001-calls';
import { migration0002 } from '../../main/core/call-log/migrations/0002-call-details';
import { tempDir } from '../support/temp-dir';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.remove());

const v1Row = (id: string, createdAt: number, extra: Record<string, unknown> = {}) => ({
  id,
  external_id: `wacid.${id}`,
  account_id: 'line_a',
  line_label: 'Suporte',
  provider: 'META',
  direction: 'INBOUND',
  peer_number: '+5511987654321',
  outcome: 'answered',
  remote_status: 'COMPLETED',
  created_at: createdAt,
  connected_at: createdAt + 3000,
  ended_at: createdAt + 63_000,
  duration_seconds: 60,
  updated_at: createdAt + 63_000,
  ...extra,
});

const writeV1File = (file: string, rows: ReturnType<typeof v1Row>[]) => {
  const db = openCallLogDatabase(file, [migration0001]);
  const insert = db.prepare(`INSERT INTO calls VALUES (@id, @external_id, @account_id, @line_label, @provider, @direction, @peer_number,
    @outcome, @remote_status, @created_at, @connected_at, @ended_at, @duration_seconds, @updated_at)`);
  for (const row of rows) insert.run(row);
  expect(schemaVersion(db)).toBe(1);
  db.close();
};

test('migration 0002 rebuilds a version-1 file around a stable seq and keeps every call and value', () => {
  const file = join(temp.path, 'call-log.sqlite');
  const rows = [
    v1Row('call_b', 2_000_000),
    v1Row('call_a', 1_000_000),
    v1Row('call_live', 3_000_000, { outcome: null, connected_at: null, ended_at: null, duration_seconds: null, remote_status: 'RINGING' }),
    v1Row('call_odd', 4_000_000, { outcome: 'teleported', duration_seconds: -5 }),
  ];
  writeV1File(file, rows);

  const db = openCallLogDatabase(file, [migration0001, migration0002]);
  expect(schemaVersion(db)).toBe(2);
  const migrated = db.prepare('SELECT * FROM calls ORDER BY seq').all() as Record<string, unknown>[];
  expect(migrated.map((r) => r.id)).toEqual(['call_a', 'call_b', 'call_live', 'call_odd']);
  expect(migrated.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
  const byId = new Map(migrated.map((r) => [r.id, r]));
  for (const original of rows.slice(0, 3)) {
    const row = byId.get(original.id)!;
    for (const [column, value] of Object.entries(original)) expect(row[column], `${original.id}.${column}`).toBe(value);
    expect(row).toMatchObject({ notes: '', tags: '[]', disposition: null, contact_name: null, agent_name: null, source: 'live', ringing_at: null });
  }
  // An outcome this schema does not know becomes "unknown"; an impossible duration is dropped, not kept.
  expect(byId.get('call_odd')).toMatchObject({ outcome: 'unknown', duration_seconds: null, talk_seconds: 0 });
  expect(byId.get('call_a')!.talk_seconds).toBe(60);
  expect(byId.get('call_live')!.talk_seconds).toBe(0);
  db.close();
});

test('after migration 0002 the schema refuses bad values and keeps each call timeline with its call', () => {
  const file = join(temp.path, 'call-log.sqlite');
  writeV1File(file, [v1Row('call_a', 1_000_000)]);
  const db = openCallLogDatabase(file, [migration0001, migration0002]);
  expect(() => db.prepare("UPDATE calls SET outcome = 'teleported' WHERE id = 'call_a'").run()).toThrow(/CHECK/);
  expect(() => db.prepare("UPDATE calls SET tags = 'vip' WHERE id = 'call_a'").run()).toThrow(/CHECK|JSON/);
  expect(() => db.prepare("INSERT INTO call_events VALUES ('call_missing', 1, 'ringing', NULL)").run()).toThrow(/FOREIGN KEY/);
  db.prepare("INSERT INTO call_events VALUES ('call_a', 1, 'ringing', NULL)").run();
  db.prepare("DELETE FROM calls WHERE id = 'call_a'").run();
  expect(db.prepare('SELECT count(*) AS n FROM call_events').get()).toEqual({ n: 0 });
  db.close();

  const raw = new Database(file, { readonly: true });
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  raw.close();
});
