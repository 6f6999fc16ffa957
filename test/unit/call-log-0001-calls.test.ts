import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openCallLogDatabase, schemaVersion } from '../../main/core/call-log/database';
import { migration0001 } from '../../main/core/call-log/migrations/0001-calls';
import { migrations } from '../../main/core/call-log/migrations/index';
import { tempDir } from '../support/temp-dir';

let dir = tempDir();
afterEach(() => {
  dir.remove();
  dir = tempDir();
});

describe('call log database', () => {
  it('migration 0001 creates the calls table on an empty file, in WAL mode, at user_version 1', () => {
    const file = join(dir.path, 'log.sqlite');
    const db = openCallLogDatabase(file, [migration0001]);
    expect(schemaVersion(db)).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const columns = (db.prepare('PRAGMA table_info(calls)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['id', 'account_id', 'direction', 'peer_number', 'outcome', 'created_at', 'connected_at', 'ended_at', 'duration_seconds']));
    expect(() =>
      db.prepare("INSERT INTO calls (id, account_id, line_label, provider, direction, peer_number, remote_status, created_at, updated_at) VALUES ('x','a','l','SIP','INBOUND','1','RINGING',1,1)").run(),
    ).toThrow(/CHECK constraint/);
    db.close();
  });

  it('opening again applies nothing twice', () => {
    const file = join(dir.path, 'log.sqlite');
    openCallLogDatabase(file).close();
    const db = openCallLogDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    db.close();
  });

  it('refuses a database written by a newer app and leaves it untouched', () => {
    const file = join(dir.path, 'log.sqlite');
    const newer = new Database(file);
    newer.exec('CREATE TABLE future (x)');
    newer.pragma('user_version = 999');
    newer.close();
    expect(() => openCallLogDatabase(file)).toThrow(/newer version of the app/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    check.close();
  });

  it('rolls a failing migration back whole, so the version never lies', () => {
    const file = join(dir.path, 'log.sqlite');
    const db = new Database(file);
    const broken = { version: 1, name: 'broken', sql: 'CREATE TABLE half (x); INSERT INTO missing VALUES (1);' };
    expect(() => migrate(db, [broken])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });
});
