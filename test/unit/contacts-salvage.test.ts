import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openCallLog } from '../../main/core/call-log/open-call-log';
import { ContactsRepository } from '../../main/core/contacts/contacts-repository';
import { generateHistory } from '../support/history-generator';
import { tempDir } from '../support/temp-dir';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.remove());

test('the contacts of a damaged profile database are copied into the new one, searchable and with their numbers', () => {
  const file = join(temp.path, 'call-log.sqlite');
  const original = generateHistory(file, { count: 3000 });
  const contacts = new ContactsRepository(original);
  for (let i = 0; i < 1200; i++) contacts.insert({ name: `Cliente ${i} Conceição`, number: `+55119${String(10_000_000 + i * 13).slice(-8)}`, company: i % 2 ? 'Acme' : '', note: '' }, i);
  const before = original.prepare('SELECT id, name, number, match_key, company, note, created_at FROM contacts ORDER BY id').all();
  original.pragma('wal_checkpoint(TRUNCATE)');
  // Damage the calls, as a failing disk would: the contacts must not be lost with them.
  const victim = (original.prepare("SELECT pageno FROM dbstat WHERE name = 'calls' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 10").get() as { pageno: number }).pageno;
  const pageSize = original.pragma('page_size', { simple: true }) as number;
  original.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (victim - 1) * pageSize);
  closeSync(fd);

  const { db, recovery } = openCallLog(file);
  expect(recovery).not.toBeNull();
  expect(db.prepare('SELECT id, name, number, match_key, company, note, created_at FROM contacts ORDER BY id').all()).toEqual(before);
  const copied = new ContactsRepository(db);
  expect(copied.search('conceicao acme', 5).total).toBe(600);
  expect(copied.withNumber('+5511910000013')?.name).toBe('Cliente 1 Conceição');
  db.close();
});
