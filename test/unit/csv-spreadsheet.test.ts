import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CallLogRepository } from '../../main/core/call-log/call-log-repository';
import { neutralizeCell } from '../../main/core/call-log/csv-export';
import { openCallLogDatabase, type CallLogDatabase } from '../../main/core/call-log/database';
import { historyHarness } from '../support/history-harness';
import { tempDir } from '../support/temp-dir';

const temp = tempDir('pilot-csv-');
let db: CallLogDatabase;
let exported: { rows: string[][]; bytes: Buffer; path: string };

const soffice = ['soffice', 'libreoffice'].find((bin) => spawnSync('which', [bin]).status === 0);

beforeAll(async () => {
  db = openCallLogDatabase(join(temp.path, 'call-log.sqlite'));
  const log = new CallLogRepository(db, () => 'Márcia Conceição');
  const base = { externalId: null, accountId: 'line_a', lineLabel: 'Cobrança', provider: 'META' as const, direction: 'INBOUND' as const,
    remoteStatus: 'COMPLETED', outcome: 'answered' as const, connectedAt: null, endedAt: null, durationSeconds: 42 };
  log.upsert({ ...base, id: 'call_formula', peerNumber: '=1+1', createdAt: Date.UTC(2025, 2, 1, 12), contactName: 'João Conceição' }, Date.now());
  log.upsert({ ...base, id: 'call_plain', peerNumber: '+5511987654321', createdAt: Date.UTC(2025, 2, 1, 11), contactName: 'Inês Câmara' }, Date.now());
  const unanswered = { ...base, outcome: 'missed' as const, remoteStatus: 'NO_ANSWER', durationSeconds: null, contactName: null };
  log.upsert({ ...unanswered, id: 'call_missed', peerNumber: '+5511900000001', createdAt: Date.UTC(2025, 2, 1, 10) }, Date.now());
  log.upsert({ ...unanswered, id: 'call_not_answered', direction: 'OUTBOUND', peerNumber: '+5511900000002', createdAt: Date.UTC(2025, 2, 1, 9) }, Date.now());
  const harness = await historyHarness(db, join(temp.path, 'exports'));
  await harness.call('history.annotate', { callId: 'call_formula', notes: '@SUM(A1:A9)', disposition: '-2+3', tags: ['=cmd|calc', 'vip'] });
  const result = await harness.exportCsv({});
  exported = { rows: result.rows, bytes: result.bytes, path: result.progress.path };
});
afterAll(() => {
  db.close();
  temp.remove();
});

describe('neutralising spreadsheet formulas', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+5511987654321', "'+5511987654321"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['  =1+1', "'  =1+1"],
    ['João Conceição', 'João Conceição'],
    ['5511987654321', '5511987654321'],
    ['a=b', 'a=b'],
  ])('%j becomes %j', (input, output) => expect(neutralizeCell(input)).toBe(output));
});

test('the export is UTF-8 with a byte order mark, accents intact, and formula-looking cells neutralised', () => {
  expect([...exported.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, first, second] = exported.rows;
  const column = (name: string) => header!.indexOf(name);
  expect(first![column('Number')]).toBe("'=1+1");
  expect(first![column('Contact')]).toBe('João Conceição');
  expect(first![column('Agent')]).toBe('Márcia Conceição');
  expect(first![column('Notes')]).toBe("'@SUM(A1:A9)");
  expect(first![column('Disposition')]).toBe("'-2+3");
  expect(first![column('Tags')]).toBe("'=cmd|calc, vip");
  expect(first![column('Talk time (s)')]).toBe('42');
  expect(second![column('Contact')]).toBe('Inês Câmara');
  expect(second![column('Line')]).toBe('Cobrança');
  // How each call ended, in words: a customer nobody answered is missed; an outbound call the customer did not pick up is not.
  expect(exported.rows.slice(1).map((row) => [row[column('Direction')], row[column('Outcome')]])).toEqual([
    ['Incoming', 'Answered'],
    ['Incoming', 'Answered'],
    ['Incoming', 'Missed'],
    ['Outgoing', 'Not answered'],
  ]);
});

/** Opens a CSV in LibreOffice Calc (UTF-8 import, as its dialog picks for a file with a BOM) and saves what the cells hold. */
const openInCalc = (file: string): string[][] => {
  const out = join(temp.path, 'calc-out');
  mkdirSync(out, { recursive: true });
  execFileSync(soffice!, ['--headless', `-env:UserInstallation=file://${join(temp.path, 'lo-profile')}`, '--infilter=Text - txt - csv (StarCalc):44,34,76,1',
    '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', out, file], { stdio: 'ignore', timeout: 60_000 });
  return parse(readFileSync(join(out, file.split('/').at(-1)!)), { bom: true, relax_column_count: true }) as string[][];
};

test.skipIf(!soffice)('a spreadsheet (LibreOffice Calc) opens the export as text: no formula runs, accents stay', () => {
  // The control: the same cell written raw IS computed, so the check below can fail.
  const raw = join(temp.path, 'raw.csv');
  writeFileSync(raw, '\ufeff"Number","Contact"\n"=1+1","João Conceição"\n');
  expect(openInCalc(raw)[1]).toEqual(['2', 'João Conceição']);

  const cells = openInCalc(exported.path);
  const header = cells[0]!;
  const row = cells[1]!;
  expect(row[header.indexOf('Number')]).toBe("'=1+1");
  expect(row[header.indexOf('Contact')]).toBe('João Conceição');
  expect(row[header.indexOf('Notes')]).toBe("'@SUM(A1:A9)");
  expect(row[header.indexOf('Disposition')]).toBe("'-2+3");
  expect(cells[2]![header.indexOf('Contact')]).toBe('Inês Câmara');
}, 120_000);

if (!soffice) console.warn('csv-spreadsheet: LibreOffice (soffice) not installed; the spreadsheet check is skipped. apt-get install libreoffice-calc-nogui');
