import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../preload/contract';
import { writeCallLogCsv } from '../../main/core/call-log/call-log-csv';
import { csvColumns, writeHistoryCsv } from '../../main/core/call-log/csv-export';
import type { CallLogDatabase } from '../../main/core/call-log/database';
import { createTranslator } from '../../main/core/i18n/translator';
import { generateHistory } from '../support/history-generator';
import { historyHarness } from '../support/history-harness';
import { tempDir } from '../support/temp-dir';

const temp = tempDir('pilot-export-files-');
let db: CallLogDatabase;
let harness: Awaited<ReturnType<typeof historyHarness>>;
beforeAll(async () => {
  db = generateHistory(join(temp.path, 'call-log.sqlite'), { count: 20_000, seed: 4 });
  harness = await historyHarness(db, join(temp.path, 'exports'));
});
afterAll(() => {
  db.close();
  temp.remove();
});

const ended = (exportId: string) => () =>
  harness.events.find((e) => e.event === 'history.exportProgress' && (e.payload as ExportProgress).exportId === exportId && (e.payload as ExportProgress).state !== 'running')?.payload as ExportProgress | undefined;

describe('exports started together', () => {
  it('each get a file of their own and finish complete (a double click on Export loses nothing)', async () => {
    const started = await Promise.all([harness.call('history.export', {}), harness.call('history.export', {}), harness.call('history.export', { filter: { outcome: 'missed' } })]);
    expect(new Set(started.map((s) => s.path)).size).toBe(3);
    for (const s of started) await expect.poll(ended(s.exportId), { timeout: 20_000 }).toMatchObject({ state: 'done' });
    const lines = started.map((s) => readFileSync(s.path, 'utf8').trimEnd().split('\n').length);
    const missed = (db.prepare("SELECT count(*) AS n FROM calls WHERE outcome = 'missed'").get() as { n: number }).n;
    expect(lines).toEqual([20_001, 20_001, missed + 1]);
    expect(readdirSync(join(temp.path, 'exports')).filter((name) => name.endsWith('.part'))).toEqual([]);
  });
});

describe("the local call log's export", () => {
  const collect = async (write: (out: Writable) => Promise<number>) => {
    const chunks: Buffer[] = [];
    const out = new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk), done()) });
    const rows = await write(out);
    return { rows, bytes: Buffer.concat(chunks) };
  };

  it.each([
    ['pt-BR', {}, { key: 'time', order: 'desc' }],
    ['en', { outcome: 'unknown' }, { key: 'duration', order: 'asc' }],
    ['es', { text: 'conceição' }, { key: 'time', order: 'asc' }],
  ] as const)('%s %j: the same bytes as the row-by-row export the team server uses', async (locale, filter, sort) => {
    const translate = await createTranslator(locale);
    const history = harness.history.repository;
    const fast = await collect((out) => writeCallLogCsv({ history, filter, sort, translate, out, batchSize: 777 }));
    const rows = await collect((out) => writeHistoryCsv({ history, filter, sort, columns: csvColumns(translate), out, batchSize: 500 }));
    expect(fast.rows).toBeGreaterThan(0);
    expect(fast.rows).toBe(rows.rows);
    expect(fast.bytes.toString('utf8')).toBe(rows.bytes.toString('utf8'));
  });
});
