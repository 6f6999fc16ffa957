import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openCallLogDatabase, schemaVersion } from '../../main/core/call-log/database';
import { migrations } from '../../main/core/call-log/migrations/index';
import { ContactsRepository } from '../../main/core/contacts/contacts-repository';
import { fillHistory } from '../support/history-generator';
import { tempDir } from '../support/temp-dir';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.remove());

/** The statement the call log names a number's calls with when a contact is saved (call-log/call-contact-names.ts). */
const namingPlan = (db: ReturnType<typeof openCallLogDatabase>): string =>
  (
    db
      .prepare(`EXPLAIN QUERY PLAN UPDATE calls SET contact_name = 'x' WHERE peer_number = '+5511987654321' AND (contact_name IS NULL OR contact_name = 'y') RETURNING id`)
      .all() as { detail: string }[]
  )
    .map((r) => r.detail)
    .join(' | ');

test('migration 0006 adds the contacts and finds a number\'s calls by index, keeping every call as it was', () => {
  const file = join(temp.path, 'call-log.sqlite');
  const v5 = openCallLogDatabase(file, migrations.slice(0, 5));
  fillHistory(v5, { count: 3000, seed: 6 });
  // The control: before, naming a number's calls reads the whole log.
  expect(namingPlan(v5)).toMatch(/SCAN calls/);
  const before = v5.prepare('SELECT * FROM calls ORDER BY seq').all();
  v5.close();

  const db = openCallLogDatabase(file);
  expect(schemaVersion(db)).toBe(6);
  expect(db.prepare('SELECT * FROM calls ORDER BY seq').all()).toEqual(before);
  expect(namingPlan(db)).toMatch(/SEARCH calls USING INDEX calls_by_peer \(peer_number=\?\)/);

  // The contacts table takes a contact, and its search index follows it.
  const contacts = new ContactsRepository(db);
  contacts.insert({ name: 'Maria', number: '+5511987654321', company: '', note: '' }, 1);
  expect(contacts.search('mar', 5).total).toBe(1);
  expect(() => db.prepare("INSERT INTO contacts (name, number, match_key, digits, search_words, created_at, updated_at) VALUES ('', '+1', 'k', '1', '', 1, 1)").run()).toThrow(/CHECK/);
  expect(() => db.prepare("INSERT INTO contacts (name, number, match_key, digits, search_words, created_at, updated_at) VALUES ('x', '5511', 'k', '1', '', 1, 1)").run()).toThrow(/CHECK/);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
});
