import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { locales, wireSampleRates } from '../../preload/contract';
import { openCallLog } from '../../main/core/call-log/open-call-log';
import { AppFailure } from '../../main/core/errors';
import { SettingsStore } from '../../main/core/settings/settings-store';
import { generateHistory } from '../support/history-generator';
import { tempDir } from '../support/temp-dir';
import { ensure, runProperty, type FuzzOptions, type FuzzResult } from './fuzz-run';

const goodSettings = {
  version: 1,
  locale: 'pt-BR',
  pollIntervalMs: 1000,
  agentName: 'Márcia',
  preAccept: true,
  accounts: [{ id: 'line_1', label: 'Suporte', provider: 'EVO_GO', baseUrl: 'https://pilotstatus.com.br' }],
  sampleRate: 16000,
  prompts: [{ id: 'p1', label: 'Saudação', url: 'https://cdn.example/a.mp3' }],
};

/** A settings file as a crash, a disk error, another program or a person could leave it. */
const settingsBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? '')) },
  {
    weight: 4,
    arbitrary: fc
      .record({ key: fc.constantFrom(...Object.keys(goodSettings)), value: fc.jsonValue({ maxDepth: 2 }), drop: fc.boolean() })
      .map(({ key, value, drop }) => Buffer.from(JSON.stringify(drop ? { ...goodSettings, [key]: undefined } : { ...goodSettings, [key]: value }))),
  },
  { weight: 2, arbitrary: fc.nat().map((cut) => Buffer.from(JSON.stringify(goodSettings).slice(0, cut % JSON.stringify(goodSettings).length))) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 500 }) },
  { weight: 1, arbitrary: fc.constantFrom(Buffer.from(`\ufeff${JSON.stringify(goodSettings)}`), Buffer.alloc(0), Buffer.from('null'), Buffer.from(JSON.stringify(goodSettings))) },
);

/**
 * Damaged `settings.json` files, read at start. Properties: reading never
 * throws; a file that is read is left byte for byte as it was; one that is
 * not is set aside beside it, byte for byte (nothing lost), and the app
 * starts from defaults it can save; the settings the app then holds are
 * always valid.
 */
export const fuzzSettingsFiles = async (options: FuzzOptions): Promise<FuzzResult> => {
  const dir = tempDir('pilot-fuzz-settings-');
  let n = 0;
  try {
    return await runProperty('settings-files', options, settingsBytes, (bytes) => {
      const file = join(dir.path, `settings-${n++}.json`);
      writeFileSync(file, bytes);
      const store = new SettingsStore(file, () => 1_700_000_000_000 + n);
      if (store.recoveredFrom === null) {
        ensure(readFileSync(file).equals(Buffer.from(bytes)), 'a readable settings file was changed by reading it');
      } else {
        ensure(!existsSync(file) && readFileSync(store.recoveredFrom).equals(Buffer.from(bytes)), 'an unreadable settings file was not set aside intact');
      }
      const settings = store.settings;
      ensure((locales as readonly unknown[]).includes(settings.locale) || settings.locale === null, 'an invalid locale was kept');
      ensure(Number.isInteger(settings.pollIntervalMs) && settings.pollIntervalMs >= 250 && settings.pollIntervalMs <= 60_000, 'an invalid poll period was kept');
      ensure((wireSampleRates as readonly number[]).includes(settings.sampleRate), 'an invalid sample rate was kept');
      store.updateSettings({ agentName: 'x' });
      ensure(new SettingsStore(file).settings.agentName === 'x', 'settings could not be saved after reading');
      rmSync(file, { force: true });
      if (store.recoveredFrom) rmSync(store.recoveredFrom, { force: true });
    });
  } finally {
    dir.remove();
  }
};

/**
 * How a call-log file gets damaged: bytes overwritten anywhere, cut short,
 * junk at its end, or whole pages zeroed or scribbled over, often pages of
 * the calls table itself (`calls-page`: an index into its leaf pages).
 */
const damage = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 })), { minLength: 1, maxLength: 6 }).map((writes) => ({ kind: 'overwrite' as const, writes })) },
  { weight: 1, arbitrary: fc.nat().map((at) => ({ kind: 'truncate' as const, at })) },
  { weight: 1, arbitrary: fc.nat().map((page) => ({ kind: 'zero-page' as const, page })) },
  { weight: 3, arbitrary: fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.option(fc.integer({ min: 1, max: 255 }))).map(([pages, fill]) => ({ kind: 'calls-page' as const, pages, fill: fill ?? 0 })) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 9000 }).map((junk) => ({ kind: 'append' as const, junk })) },
);
type Damage = typeof damage extends fc.Arbitrary<infer T> ? T : never;

const damageBytes = (original: Buffer, what: Damage, callsLeaves: number[]): Buffer => {
  const bytes = Buffer.from(original);
  const pageSize = 4096;
  switch (what.kind) {
    case 'calls-page':
      for (const index of what.pages) {
        const page = callsLeaves[index % callsLeaves.length]!;
        bytes.fill(what.fill, (page - 1) * pageSize, page * pageSize);
      }
      return bytes;
    case 'overwrite':
      // Past the first page's header, so the file still says it is SQLite (else it is plainly not a database).
      for (const [at, data] of what.writes) Buffer.from(data).copy(bytes, 100 + (at % (bytes.length - 100)));
      return bytes;
    case 'truncate':
      return bytes.subarray(0, what.at % bytes.length);
    case 'zero-page': {
      const page = 1 + (what.page % (bytes.length / pageSize - 1));
      bytes.fill(0, page * pageSize, (page + 1) * pageSize);
      return bytes;
    }
    case 'append':
      return Buffer.concat([bytes, Buffer.from(what.junk)]);
  }
};

/** The calls one connection reads from a damaged file, one row at a time (each unreadable row skipped on its own). */
const readIdsOnce = (file: string, rowids: number[]): Map<number, string> => {
  const ids = new Map<number, string>();
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return ids;
  }
  try {
    for (const rowid of rowids) {
      try {
        // A statement per lookup: one that met damage may not read the next row the way a fresh one does.
        const row = db.prepare('SELECT id FROM calls WHERE rowid = ?').get(rowid) as { id: unknown } | undefined;
        if (row && typeof row.id === 'string' && /^[\x21-\x7e]+$/.test(row.id)) ids.set(rowid, row.id);
      } catch {
        // unreadable row
      }
    }
  } catch {
    // no readable calls table at all
  } finally {
    db.close();
  }
  return ids;
};

/**
 * The calls SQLite can still read from a damaged file: those two separate
 * connections read alike, row by row. (A row in a damaged page can read
 * differently from one read to the next: bytes past a broken record are
 * whatever is there. Such a row is not a call anyone could count on; a "row"
 * whose id is not text a call id can be is not a call either.)
 */
const readableIds = (file: string, rowids: number[]): Set<string> => {
  const first = readIdsOnce(file, rowids);
  const second = readIdsOnce(file, rowids);
  return new Set([...first].filter(([rowid, id]) => second.get(rowid) === id).map(([, id]) => id));
};

/**
 * Damaged call-log files, opened as the app opens them after an unclean exit.
 * Properties: opening never throws, except a file a newer app wrote
 * (`CALL_LOG_TOO_NEW`, left untouched); the log it gives is sound
 * (`integrity_check` ok); a damaged file is set aside byte for byte, never
 * deleted; every call SQLite can still read from it is in the new log
 * (nothing already in the call log lost).
 */
export const fuzzCallLogFiles = async (options: FuzzOptions & { calls?: number }): Promise<FuzzResult> => {
  const dir = tempDir('pilot-fuzz-log-');
  const template = join(dir.path, 'template.sqlite');
  const seeded = generateHistory(template, { count: options.calls ?? 600, seed: 12, timeline: true });
  seeded.pragma('wal_checkpoint(TRUNCATE)');
  seeded.pragma('journal_mode = DELETE');
  const rowids = (seeded.prepare('SELECT rowid AS n FROM calls').all() as { n: number }[]).map((r) => r.n);
  const callsLeaves = (seeded.prepare("SELECT pageno FROM dbstat WHERE name = 'calls' AND pagetype = 'leaf'").all() as { pageno: number }[]).map((r) => r.pageno);
  seeded.close();
  const original = readFileSync(template);
  let n = 0;
  try {
    return await runProperty('call-log-files', options, damage, (what) => {
      const caseDir = join(dir.path, `case-${n++}`);
      const file = join(caseDir, 'call-log.sqlite');
      rmSync(caseDir, { recursive: true, force: true });
      const damaged = damageBytes(original, what, callsLeaves);
      mkdirSync(caseDir);
      writeFileSync(file, damaged);
      const readable = readableIds(file, rowids);
      let opened;
      try {
        opened = openCallLog(file, { now: () => 1_700_000_000_000 });
      } catch (error) {
        ensure(error instanceof AppFailure && error.code === 'CALL_LOG_TOO_NEW', () => `opening threw ${String(error)}`);
        ensure(readFileSync(file).equals(damaged), 'a call log from a newer app was changed');
        return;
      }
      try {
        ensure((opened.db.pragma('integrity_check', { simple: true }) as string) === 'ok', 'the log the app opened is not sound');
        const present = new Set((opened.db.prepare('SELECT id FROM calls').all() as { id: string }[]).map((r) => r.id));
        const lost = [...readable].filter((id) => !present.has(id));
        ensure(lost.length === 0, () => `${lost.length} readable calls were lost (${opened.recovery ? `salvaged ${opened.recovery.salvaged}` : 'no recovery'}) (${JSON.stringify(lost.slice(0, 3))} of ${readable.size} readable)`);
        if (opened.recovery) ensure(readFileSync(opened.recovery.movedTo).equals(damaged), 'the damaged file was not set aside intact');
        else ensure(readdirSync(caseDir).every((name) => !name.includes('damaged')), 'a file was set aside without a recovery');
      } finally {
        opened.close();
        rmSync(caseDir, { recursive: true, force: true });
      }
    });
  } finally {
    dir.remove();
  }
};
