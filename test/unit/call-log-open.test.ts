import { join } from 'node:path';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openCallLogDatabase, schemaVersion } from '../../main/core/call-log/database';
import { migrations } from '../../main/core/call-log/migrations/index';
import { openCallLog } from '../../main/core/call-log/open-call-log';
import { generateHistory } from '../support/history-generator';
import { tempDir } from '../support/temp-dir';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.remove());

const count = (db: Database.Database): number => (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;

test('a healthy call log opens as it is, with no recovery', () => {
  const file = join(temp.path, 'call-log.sqlite');
  generateHistory(file, { count: 500 }).close();
  const { db, recovery } = openCallLog(file);
  expect(recovery).toBeNull();
  expect(count(db)).toBe(500);
  db.close();
});

test('a damaged call log is set aside (not deleted), readable calls are salvaged and a new log starts', () => {
  const file = join(temp.path, 'call-log.sqlite');
  const original = generateHistory(file, { count: 3000 });
  original.pragma('wal_checkpoint(TRUNCATE)');
  const ids = (original.prepare('SELECT id FROM calls').all() as { id: string }[]).map((r) => r.id);
  const victim = (original.prepare("SELECT pageno FROM dbstat WHERE name = 'calls' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 10").get() as { pageno: number }).pageno;
  const pageSize = original.pragma('page_size', { simple: true }) as number;
  original.close();
  // Scribble over a leaf page of the calls table, as a failing disk would.
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (victim - 1) * pageSize);
  closeSync(fd);
  const damagedBytes = readFileSync(file);

  const { db, recovery } = openCallLog(file, { now: () => Date.UTC(2025, 0, 2, 3, 4, 5) });
  expect(recovery).not.toBeNull();
  expect(recovery!.reason).not.toBe('');
  expect(recovery!.movedTo).toMatch(/call-log\.damaged-2025-01-02T03-04-05-000Z\.sqlite$/);
  // The damaged file is kept byte for byte beside the new one.
  expect(readFileSync(recovery!.movedTo).equals(damagedBytes)).toBe(true);
  expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const salvaged = db.prepare("SELECT id FROM calls WHERE source = 'salvaged'").all() as { id: string }[];
  expect(recovery!.salvaged).toBe(salvaged.length);
  expect(salvaged.length).toBeGreaterThan(ids.length / 2);
  expect(salvaged.length).toBeLessThan(ids.length);
  expect(salvaged.every((r) => ids.includes(r.id))).toBe(true);
  db.close();
});

test('a file that is not a database at all is set aside too, and the app gets an empty log', () => {
  const file = join(temp.path, 'call-log.sqlite');
  writeFileSync(file, 'this is not sqlite, it is a note someone saved over the call log\n'.repeat(100));
  const { db, recovery } = openCallLog(file);
  expect(recovery?.reason).toMatch(/NOTADB|not a database/i);
  expect(recovery?.salvaged).toBe(0);
  expect(existsSync(recovery!.movedTo)).toBe(true);
  expect(count(db)).toBe(0);
  db.close();
});

test('a call log from a newer app is refused and left untouched', () => {
  const file = join(temp.path, 'call-log.sqlite');
  const db = openCallLogDatabase(file);
  db.pragma(`user_version = ${migrations.at(-1)!.version + 1}`);
  db.close();
  const before = readFileSync(file);
  const mtime = statSync(file).mtimeMs;
  expect(() => openCallLog(file)).toThrow(expect.objectContaining({ code: 'CALL_LOG_TOO_NEW' }));
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(statSync(file).mtimeMs).toBe(mtime);
  expect(readdirSync(temp.path).filter((name) => name.includes('damaged'))).toEqual([]);
});

test('the full check runs after an unclean exit and at least weekly, and is skipped after a clean close', () => {
  const file = join(temp.path, 'call-log.sqlite');
  generateHistory(file, { count: 200 }).close();
  let clock = Date.UTC(2025, 0, 1);
  const open = () => openCallLog(file, { now: () => clock });

  const first = open();
  expect(first.checked).toBe(true); // never checked before
  first.close();
  const second = open();
  expect(second.checked).toBe(false); // closed cleanly, checked today
  second.db.close(); // the app dies without closing the call log properly
  const third = open();
  expect(third.checked).toBe(true);
  third.close();
  clock += 8 * 24 * 3600 * 1000;
  const fourth = open();
  expect(fourth.checked).toBe(true); // a week passed since the last full check
  fourth.close();
  expect(count(open().db)).toBe(200);
});

test('a damaged page of the calls table loses only the calls on that page, wherever it is (first, middle or last)', () => {
  const template = join(temp.path, 'template.sqlite');
  const original = generateHistory(template, { count: 3000 });
  original.pragma('wal_checkpoint(TRUNCATE)');
  original.pragma('journal_mode = DELETE');
  const leaves = original.prepare("SELECT pageno, ncell FROM dbstat WHERE name = 'calls' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number; ncell: number }[];
  const byRowid = original.prepare("SELECT min(rowid) AS low FROM calls").get() as { low: number };
  const pageSize = original.pragma('page_size', { simple: true }) as number;
  original.close();
  const bytes = readFileSync(template);
  // The leaf holding the lowest rowids, one in the middle, and the one holding the highest.
  const firstLeaf = leaves.find((leaf) => leaf.ncell > 0 && leaf.pageno === leaves[0]!.pageno)!;
  const victims = [firstLeaf, leaves[Math.floor(leaves.length / 2)]!, leaves.at(-1)!];
  expect(byRowid.low).toBe(1);
  for (const [index, victim] of victims.entries()) {
    const file = join(temp.path, `call-log-${index}.sqlite`);
    const damaged = Buffer.from(bytes);
    damaged.fill(0, (victim.pageno - 1) * pageSize, victim.pageno * pageSize);
    writeFileSync(file, damaged);
    const { db, recovery } = openCallLog(file);
    expect(recovery).not.toBeNull();
    expect([victim.pageno, count(db)]).toEqual([victim.pageno, 3000 - victim.ncell]);
    db.close();
  }
});
