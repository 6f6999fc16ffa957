import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openCallLogDatabase, schemaVersion } from '../../main/core/call-log/database';
import { migration0001 } from '../../main/core/call-log/migrations/0001-calls';
import { migration0002 } from '../../main/core/call-log/migrations/0002-call-details';
import { migration0003 } from '../../main/core/call-log/migrations/0003-history-search';
import { tempDir } from '../support/temp-dir';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.remove());

const search = (db: ReturnType<typeof openCallLogDatabase>, match: string): string[] =>
  (db.prepare('SELECT id FROM calls WHERE seq IN (SELECT rowid FROM calls_search WHERE calls_search MATCH ?) ORDER BY id').all(match) as { id: string }[]).map(
    (r) => r.id,
  );

test('migration 0003 indexes the calls already in a version-2 file for search and keeps the index in step', () => {
  const file = join(temp.path, 'call-log.sqlite');
  const v2 = openCallLogDatabase(file, [migration0001, migration0002]);
  const insert = v2.prepare(`INSERT INTO calls (id, account_id, line_label, provider, direction, peer_number, contact_name, outcome,
    remote_status, created_at, notes, updated_at) VALUES (?, 'line_a', 'Suporte', 'META', 'INBOUND', ?, ?, 'missed', 'MISSED', ?, ?, 0)`);
  insert.run('call_1', '+5511987654321', 'João Conceição', 1000, 'Pediu retorno amanhã');
  insert.run('call_2', '+5521998877665', null, 2000, '');
  v2.close();

  const db = openCallLogDatabase(file, [migration0001, migration0002, migration0003]);
  expect(schemaVersion(db)).toBe(3);
  // Existing rows are searchable: digits anywhere in the number, names without accents or case, words in notes.
  expect(search(db, '"87654"')).toEqual(['call_1']);
  expect(search(db, '"joao"')).toEqual(['call_1']);
  expect(search(db, '"CONCEI"')).toEqual(['call_1']);
  expect(search(db, '"retorno"')).toEqual(['call_1']);
  expect(search(db, '"998877"')).toEqual(['call_2']);

  // Inserts, edits and deletes keep the search index in step.
  db.prepare(`INSERT INTO calls (id, account_id, line_label, provider, direction, peer_number, outcome, remote_status, created_at, updated_at)
    VALUES ('call_3', 'line_a', 'Suporte', 'META', 'OUTBOUND', '+5531991234567', 'answered', 'COMPLETED', 3000, 0)`).run();
  expect(search(db, '"912345"')).toEqual(['call_3']);
  db.prepare("UPDATE calls SET notes = 'Cliente VIP, ligar às 15h', tags = '[\"urgente\"]' WHERE id = 'call_2'").run();
  expect(search(db, '"vip"')).toEqual(['call_2']);
  expect(search(db, '"urgente"')).toEqual(['call_2']);
  db.prepare("UPDATE calls SET notes = '' WHERE id = 'call_1'").run();
  expect(search(db, '"retorno"')).toEqual([]);
  db.prepare("DELETE FROM calls WHERE id = 'call_3'").run();
  expect(search(db, '"912345"')).toEqual([]);
  expect(db.prepare("INSERT INTO calls_search (calls_search, rank) VALUES ('integrity-check', 1)").run().changes).toBeGreaterThanOrEqual(0);

  const indexes = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'calls'").all() as { name: string }[]).map((r) => r.name);
  expect(indexes).toEqual(expect.arrayContaining(['calls_by_created', 'calls_by_line', 'calls_by_direction', 'calls_by_outcome', 'calls_by_talk']));
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
});
