/**
 * History benchmarks on a generated call log of 1,000,000 calls (made once
 * into .bench-data/, deterministic seed). Prints one JSON line per result:
 *   history.generate_s          how long the 1M-call log took to generate (bulk load, then indexes and search index),
 *                               when this run made it
 *   history.generate_ratio      generating 100,000 calls the previous way (every insert through ten indexes and the
 *                               search triggers) / the bulk load, measured in this run
 *   history.query_ms            p95 of a filtered, sorted first page (100 rows) over several filter mixes,
 *                               through the app's query path (contract schema + handler + row mapping)
 *   history.query_ratio         per mix, median(app path) / median(the same SQL run directly on better-sqlite3),
 *                               measured interleaved in the same run; the line reports the median over mixes
 *   history.query_ratio_before  the same for the previous path (rows as full entries with four ISO times), same run
 *   history.stats_ms            stats (counts, by hour, by day, per line) for several filters
 *   history.integrity_check_ms  PRAGMA integrity_check on the whole file, as the app runs at start after an
 *                               unclean exit (and at least weekly)
 *   history.export_rows_per_s   a full export (all rows) in its own process; also the previous export, same run
 *   history.export_vs_raw_ratio export rows/s / `sqlite3 -csv` rows/s for the same rows, columns and order on the
 *                               same file (median of interleaved runs); also against a plain table scan
 *   history.export_peak_rss_mb  peak RSS of exports of 125k..1M rows, each in a fresh process: flat means streaming
 * Environment: HISTORY_BENCH_ROWS (default 1000000) for a smaller log.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandRequests } from '../../preload/contract';
import { openCallLogDatabase } from '../../main/core/call-log/database';
import { integrityProblems } from '../../main/core/call-log/open-call-log';
import { listRowColumns, pageSql } from '../../main/core/call-log/history-sql';
import { fillHistory, generateHistory } from '../support/history-generator';
import { historyHarness } from '../support/history-harness';
import { percentile, report } from './bench-result';
import { benchSeed, ensureHistoryDb } from './history-data';
import { beforeListColumns, beforePage } from './history-before';
import { historyMixes, statsFilters } from './history-mixes';

const rows = Number(process.env.HISTORY_BENCH_ROWS ?? 1_000_000);
const generation = ensureHistoryDb(rows);
const file = generation.file;
if (generation.generatedInMs !== null) console.log(JSON.stringify({ name: 'history.generate_s', unit: 's', n: 1, p50: Math.round(generation.generatedInMs / 100) / 10, rows }));
else console.error(`history: ${file} was generated earlier (${JSON.stringify(generation.sidecar)}); delete it to time generation`);

// Generation, previous way (inserts through every index and trigger) and bulk, on 100,000 calls in this run.
{
  const sample = 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'pilot-bench-gen-'));
  const time = (make: () => { close(): unknown }) => {
    const t = performance.now();
    make().close();
    return (performance.now() - t) / 1000;
  };
  const before = time(() => {
    const db = openCallLogDatabase(join(dir, 'before.sqlite'));
    db.pragma('cache_size = -1048576');
    fillHistory(db, { count: sample, seed: benchSeed, timeline: true });
    return db;
  });
  const bulk = time(() => generateHistory(join(dir, 'bulk.sqlite'), { count: sample, seed: benchSeed, timeline: true }));
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ name: 'history.generate_ratio', unit: 'ratio', n: 1, p50: Math.round((before / bulk) * 10) / 10, rows: sample, beforeSeconds: Math.round(before * 10) / 10, bulkSeconds: Math.round(bulk * 10) / 10 }));
}

const db = openCallLogDatabase(file);
const harness = await historyHarness(db, join(import.meta.dirname, '../../.bench-data/exports'));
const endMs = (db.prepare('SELECT max(created_at) AS t FROM calls').get() as { t: number }).t;
const mixes = historyMixes(endMs);

const runs = 30;
const allApp: number[] = [];
const ratios: Record<string, number> = {};
const ratiosBefore: Record<string, number> = {};
const perMixP95: Record<string, number> = {};
for (const mix of mixes) {
  const request = { filter: mix.filter, sort: mix.sort, limit: 100 };
  const plan = harness.history.repository.textPlan(mix.filter);
  const { sql, params } = pageSql(mix.filter, mix.sort, undefined, listRowColumns, plan);
  const direct = db.prepare(sql);
  const beforeSql = pageSql(mix.filter, mix.sort, undefined, beforeListColumns, plan);
  const beforeDirect = db.prepare(beforeSql.sql);
  const app: number[] = [];
  const raw: number[] = [];
  const before: number[] = [];
  const beforeRaw: number[] = [];
  for (let i = 0; i < runs + 3; i += 1) {
    let t = performance.now();
    await harness.call('history.query', request);
    const appMs = performance.now() - t;
    t = performance.now();
    direct.all({ ...params, limit: 100 });
    const rawMs = performance.now() - t;
    t = performance.now();
    const parsed = commandRequests['history.query'].parse(request);
    beforePage(db, harness.history.repository, parsed.filter, parsed.sort, parsed.limit);
    const beforeMs = performance.now() - t;
    t = performance.now();
    beforeDirect.all({ ...beforeSql.params, limit: 100 });
    const beforeRawMs = performance.now() - t;
    if (i < 3) continue; // warm-up
    app.push(appMs);
    raw.push(rawMs);
    before.push(beforeMs);
    beforeRaw.push(beforeRawMs);
  }
  allApp.push(...app);
  perMixP95[mix.name] = Math.round(percentile(app, 95) * 100) / 100;
  ratios[mix.name] = Math.round((percentile(app, 50) / percentile(raw, 50)) * 100) / 100;
  ratiosBefore[mix.name] = Math.round((percentile(before, 50) / percentile(beforeRaw, 50)) * 100) / 100;
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
const ratioBeforeValues = Object.values(ratiosBefore);
console.log(JSON.stringify({ name: 'history.query_ratio_before', unit: 'ratio', n: ratioBeforeValues.length, p50: percentile(ratioBeforeValues, 50), max: Math.max(...ratioBeforeValues), perMix: ratiosBefore }));

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

const exportRun = (count: number, mode: 'app' | 'before' = 'app') =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'history-export-child.ts'), file, String(count), mode], { encoding: 'utf8' }).trim()) as {
    rows: number;
    ms: number;
    baselineRssMb: number;
    peakRssMb: number;
  };
/** `sqlite3 -csv` writing `sql`'s rows of the same file to a file in the same folder: rows/s. */
const rawExport = (sql: string): number => {
  const out = join(tmpdir(), `pilot-bench-raw-${process.pid}.csv`);
  const t = performance.now();
  execFileSync('bash', ['-c', 'sqlite3 -csv "$0" "$1" > "$2"', file, sql, out]);
  const seconds = (performance.now() - t) / 1000;
  rmSync(out, { force: true });
  return rows / seconds;
};
const rawAvailable = (() => {
  try {
    execFileSync('sqlite3', ['-version']);
    return true;
  } catch {
    return false;
  }
})();
// Interleaved, three rounds: the app's export, the previous one, and sqlite3 on the same rows and order (and as a
// plain table scan), so load from anything else on the machine falls on all of them alike.
const rates = { app: [] as number[], before: [] as number[], raw: [] as number[], rawScan: [] as number[] };
let full = exportRun(rows);
for (let round = 0; round < 3; round += 1) {
  full = exportRun(rows);
  rates.app.push(full.rows / (full.ms / 1000));
  const previous = exportRun(rows, 'before');
  rates.before.push(previous.rows / (previous.ms / 1000));
  if (rawAvailable) {
    rates.raw.push(rawExport('SELECT * FROM calls ORDER BY created_at DESC, seq DESC'));
    rates.rawScan.push(rawExport('SELECT * FROM calls'));
  }
}
const median = (values: number[]) => percentile(values, 50);
console.log(JSON.stringify({ name: 'history.export_rows_per_s', unit: 'rows/s', n: rates.app.length, p50: Math.round(median(rates.app)), before: Math.round(median(rates.before)), speedup: Math.round((median(rates.app) / median(rates.before)) * 10) / 10, rows }));
if (rawAvailable) {
  console.log(
    JSON.stringify({
      name: 'history.export_vs_raw_ratio',
      unit: 'ratio',
      n: rates.raw.length,
      p50: Math.round((median(rates.app) / median(rates.raw)) * 100) / 100,
      goal: '>= 0.33',
      before: Math.round((median(rates.before) / median(rates.raw)) * 100) / 100,
      vsTableScan: Math.round((median(rates.app) / median(rates.rawScan)) * 100) / 100,
      rawRowsPerS: Math.round(median(rates.raw)),
      rawScanRowsPerS: Math.round(median(rates.rawScan)),
      appRowsPerS: Math.round(median(rates.app)),
    }),
  );
} else {
  console.log(JSON.stringify({ name: 'history.export_vs_raw_ratio', unit: 'ratio', n: 0, skipped: 'sqlite3 is not installed (Debian: apt-get install sqlite3)' }));
}
const sizes = [rows / 8, rows / 4, rows / 2].map(Math.round);
const exports = [...sizes.map((count) => exportRun(count)), full];
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

