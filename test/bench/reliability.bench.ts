/**
 * Reliability benchmarks: the long runs of the fuzz, soak and crash suites
 * whose short versions run in `npm test`. One JSON line per result:
 *   reliability.fuzz_cases          generated cases in all, failures, the seed (FUZZ_SEED replays), per target
 *   reliability.fuzz_unhandled      unhandled rejections seen while fuzzing (should be 0)
 *   reliability.soak_heap_mb_per_h  heap after GC, least-squares slope per simulated hour (after the first)
 *   reliability.soak_handles_per_h  active handles, slope per hour
 *   reliability.soak_sockets_per_h  sockets, slope per hour
 *   reliability.soak_call_log       calls made vs rows in the log, missing and extra (should be 0)
 *   reliability.crash_records_lost  after SIGKILL mid-call N times: calls lost or wrong, integrity, set-aside logs
 * Environment: RELIABILITY_SOAK_HOURS (default 8), RELIABILITY_CRASH_KILLS (default 50), FUZZ_SEED.
 * The crash run needs the build (`node scripts/build.mjs`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fuzzBudgets, runFuzzSuite } from '../reliability/fuzz-suite';
import { fuzzSeed } from '../reliability/fuzz-run';
import { runCrashCycles } from '../reliability/crash-cycles';
import { runSoak } from '../reliability/soak';
import { repoRoot } from '../support/app-process';
import { startTestSimulator } from '../support/sim';

const line = (result: Record<string, unknown>) => console.log(JSON.stringify(result));

const seed = fuzzSeed();
const fuzz = await runFuzzSuite(fuzzBudgets.bench, seed);
line({
  name: 'reliability.fuzz_cases',
  unit: 'cases',
  n: fuzz.results.reduce((sum, r) => sum + r.cases, 0),
  failures: fuzz.results.reduce((sum, r) => sum + r.failures, 0),
  seed,
  perTarget: Object.fromEntries(fuzz.results.map((r) => [r.name, { cases: r.cases, failures: r.failures, seed: r.seed, ms: r.ms, ...(r.counterexample ? { counterexample: r.counterexample.slice(0, 500) } : {}) }])),
});
line({ name: 'reliability.fuzz_unhandled', unit: 'rejections', n: fuzz.unhandled.length });

const hours = Number(process.env.RELIABILITY_SOAK_HOURS ?? 8);
process.stderr.write(`soak: ${hours} simulated hours ...\n`);
const soak = await runSoak({ simulatedHours: hours, sampleEveryMinutes: 10 });
const soakContext = { simulatedHours: soak.simulatedHours, realSeconds: soak.realSeconds, calls: soak.calls, polls: soak.polls, faults: soak.faults, samples: soak.samples.length };
const round = (value: number) => Math.round(value * 1000) / 1000;
const first = soak.samples[0]!;
const last = soak.samples.at(-1)!;
line({ name: 'reliability.soak_heap_mb_per_h', unit: 'MB/h', n: soak.samples.length, p50: round(soak.slopes.heapMbPerHour), startMb: round(first.heapMb), endMb: round(last.heapMb), ...soakContext });
line({ name: 'reliability.soak_handles_per_h', unit: 'handles/h', n: soak.samples.length, p50: round(soak.slopes.handlesPerHour), start: first.handles, end: last.handles });
line({ name: 'reliability.soak_sockets_per_h', unit: 'sockets/h', n: soak.samples.length, p50: round(soak.slopes.socketsPerHour), start: first.sockets, end: last.sockets });
line({ name: 'reliability.soak_call_log', unit: 'rows', n: soak.logRows, calls: soak.calls, missing: soak.missingFromLog, extra: soak.extraInLog, secretsInLog: soak.secretsInLog, fileKbPerCall: round((last.logFileKb - first.logFileKb) / Math.max(1, soak.calls)) });

if (!existsSync(join(repoRoot, 'dist/main/web.js'))) {
  line({ name: 'reliability.crash_records_lost', unit: 'records', n: 0, skipped: 'build first: node scripts/build.mjs' });
} else {
  const kills = Number(process.env.RELIABILITY_CRASH_KILLS ?? 50);
  process.stderr.write(`crash: ${kills} kills mid-call ...\n`);
  const sim = await startTestSimulator({ ringTimeoutMs: 30_000 });
  try {
    const crash = await runCrashCycles({ sim, midCallKills: kills, exportKillEvery: 5 });
    line({ name: 'reliability.crash_records_lost', unit: 'records', n: crash.midCallKills, p50: crash.recordsLost + crash.recordsWrong, ...crash });
  } finally {
    await sim.close();
  }
}
process.exit(0);
