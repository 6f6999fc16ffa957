/**
 * One CSV export in a fresh process, so its peak RSS is its own:
 * `node --import tsx history-export-child.ts <db> <rows> [app|before]` exports
 * the newest <rows> calls (a date filter chosen to match that many) through
 * the app's export, or the previous one (history-before.ts), and prints
 * `{rows, ms, baselineRssMb, peakRssMb}`.
 */
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCallLogDatabase } from '../../main/core/call-log/database';
import { createTranslator } from '../../main/core/i18n/translator';
import { historyHarness } from '../support/history-harness';
import { beforeExport } from './history-before';

/**
 * This process's own peak RSS. On Linux getrusage's maxRSS is no good here: exec keeps the high-water mark
 * of the process it replaced, so a child forked from the benchmark reports at least the benchmark's RSS
 * (measured: a child of an 843 MB parent reports 804 MB, its own VmHWM 39 MB). VmHWM belongs to this
 * process's memory alone.
 */
const peakRss = (): number => {
  const hwm = process.platform === 'linux' ? /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8')) : null;
  return hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
};

const [file, rowsText, mode = 'app'] = process.argv.slice(2);
const wanted = Number(rowsText);
const db = openCallLogDatabase(file!);
const from = (db.prepare('SELECT created_at FROM calls ORDER BY created_at DESC LIMIT 1 OFFSET ?').get(wanted - 1) as { created_at: number }).created_at;
const exportsDir = join(tmpdir(), `pilot-bench-export-${process.pid}`);
const harness = await historyHarness(db, exportsDir);
const baselineRssMb = process.memoryUsage().rss / 1048576;
const started = performance.now();
let written: number;
if (mode === 'before') {
  mkdirSync(exportsDir, { recursive: true });
  written = await beforeExport(harness.history.repository, { from }, { key: 'time', order: 'desc' }, await createTranslator('en'), createWriteStream(join(exportsDir, 'before.csv')));
} else {
  written = (await harness.exportCsv({ filter: { from } }, false)).progress.written;
}
const ms = performance.now() - started;
const peakRssMb = peakRss();
rmSync(exportsDir, { recursive: true, force: true });
db.close();
console.log(JSON.stringify({ rows: written, ms, baselineRssMb, peakRssMb }));
