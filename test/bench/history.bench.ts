/**
 * History benchmarks on a generated call log of 1,000,000 calls (made once
 * into .bench-data/, deterministic seed). Prints one JSON line per result:
 *   history.query_ms           p95 of a filtered, sorted first page (100 rows) over several filter mixes,
 *                              through the app's query path (contract schema + handler + row mapping)
 *   history.query_ratio        per mix, median(app path) / median(the same SQL run directly on better-sqlite3),
 *                              measured interleaved in the same run; the line reports the median over mixes
 *   history.stats_ms           stats (counts, by hour, by day, per line) for several filters
 *   history.integrity_check_ms PRAGMA integrity_check on the whole file, as the app runs at start after an
 *                              unclean exit (and at least weekly)
 *   history.export_rows_per_s  a full export (all rows) in its own process
 *   history.export_peak_rss_mb peak RSS of exports of 125k..1M rows, each in a fresh process: flat means streaming
 * Environment: HISTORY_BENCH_ROWS (default 1000000) for a smaller log.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openCallLogDatabase } from '../../main/core/call-log/database';
import { integrityProblems } from '../../main/core/call-log/open-call-log';
import { listColumns, pageSql } from '../../main/core/call-log/history-sql';
import { historyHarness } from '../support/history-harness';
import { percentile, report } from './bench-result';
import { ensureHistoryDb } from './history-data';
import { historyMixes, statsFilters } from './history-mixes';

const rows = Number(process.env.HISTORY_BENCH_ROWS ?? 1_000_000);
const file = ensureHistoryDb(rows);
const db = openCallLogDatabase(file);
const harness = await historyHarness(db, join(import.meta.dirname, '../../.bench-data/exports'));
const endMs = (db.prepare('SELECT max(created_at) AS t FROM calls').get() as { t: number }).t;
const mixes = historyMixes(endMs);

const runs = 30;
const allApp: number[] = [];
const ratios: Record<string, number> = {};
const perMixP95: Record<string, number> = {};
for (const mix of mixes) {
  const request = { filter: mix.filter, sort: mix.sort, limit: 100 };
  const plan = harness.history.repository.textPlan(mix.filter);
  const { sql, params } = pageSql(mix.filter, mix.sort, undefined, listColumns, plan);
  const direct = db.prepare(sql);
  const app: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < runs + 3; i += 1) {
    let t = performance.now();
    await harness.call('history.query', request);
    const appMs = performance.now() - t;
    t = performance.now();
    direct.all({ ...params, limit: 100 });
    const rawMs = performance.now() - t;
    if (i < 3) continue; // warm-up
    app.push(appMs);
    raw.push(rawMs);
  }
  allApp.push(...app);
  perMixP95[mix.name] = Math.round(percentile(app, 95) * 100) / 100;
  ratios[mix.name] = Math.round((percentile(app, 50) / percentile(raw, 50)) * 100) / 100;
}
report('history.query_ms', 'ms', allApp, { rows, mixes: mixes.length, limit: 100, goal: '< 50 (p95)', perMixP95 });
const ratioValues = Object.values(ratios);
console.log(
  JSON.stringify({
    name: 'history.query_ratio',
    unit: 'ratio',
    n: ratioValues.length,
    p50: percentile(ratioValues, 50),
    max: Math.max(...ratioValues),
    goal: '<= 1.5 (median)',
    perMix: ratios,
  }),
);

const statsSamples: number[] = [];
const statsPerFilter: Record<string, number> = {};
for (const { name, filter } of statsFilters(endMs)) {
  const samples: number[] = [];
  for (let i = 0; i < 6; i += 1) {
    const t = performance.now();
    await harness.call('history.stats', { filter });
    if (i > 0) samples.push(performance.now() - t);
  }
  statsSamples.push(...samples);
  statsPerFilter[name] = Math.round(percentile(samples, 50));
}
report('history.stats_ms', 'ms', statsSamples, { rows, perFilterP50: statsPerFilter });

const t = performance.now();
const problems = integrityProblems(db);
report('history.integrity_check_ms', 'ms', [performance.now() - t], { rows, ok: problems === null });
db.close();

const exportRun = (count: number) =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'history-export-child.ts'), file, String(count)], { encoding: 'utf8' }).trim()) as {
    rows: number;
    ms: number;
    baselineRssMb: number;
    peakRssMb: number;
  };
const sizes = [rows / 8, rows / 4, rows / 2, rows].map(Math.round);
const exports = sizes.map(exportRun);
const full = exports.at(-1)!;
console.log(JSON.stringify({ name: 'history.export_rows_per_s', unit: 'rows/s', n: 1, p50: Math.round(full.rows / (full.ms / 1000)), rows: full.rows, seconds: Math.round(full.ms / 100) / 10 }));
console.log(
  JSON.stringify({
    name: 'history.export_peak_rss_mb',
    unit: 'MB',
    n: exports.length,
    p50: Math.round(percentile(exports.map((e) => e.peakRssMb), 50)),
    byRows: Object.fromEntries(exports.map((e) => [e.rows, { peak: Math.round(e.peakRssMb), baseline: Math.round(e.baselineRssMb) }])),
    growthFromSmallestToLargestMb: Math.round(full.peakRssMb - exports[0]!.peakRssMb),
  }),
);

