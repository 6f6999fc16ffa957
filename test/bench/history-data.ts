import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHistory } from '../support/history-generator';
import { repoRoot } from '../support/app-process';

export const benchSeed = 20250630;

/**
 * The generated call log the history benchmarks run on, made once and kept
 * in `.bench-data/` (git-ignored): `history-<count>-<seed>.sqlite`. Written
 * under a temporary name and renamed when complete, so an interrupted run
 * never leaves a half-made file behind to be measured.
 */
export const ensureHistoryDb = (
  count: number,
  seed = benchSeed,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): { file: string; generatedInMs: number | null; sidecar: unknown } => {
  const dir = join(repoRoot, '.bench-data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `history-${count}-${seed}.sqlite`);
  if (existsSync(file)) {
    let sidecar: unknown = null;
    try {
      sidecar = JSON.parse(readFileSync(`${file}.json`, 'utf8'));
    } catch {
      // made by an older version: no note of how long it took
    }
    return { file, generatedInMs: null, sidecar };
  }
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  const started = performance.now();
  log(`generating ${count} calls (seed ${seed}) into ${file} ...`);
  const db = generateHistory(partial, {
    count,
    seed,
    timeline: true,
    onProgress: (n) => {
      if (n % 100_000 === 0) log(`  ${n} calls`);
    },
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
  renameSync(partial, file);
  const generatedInMs = Math.round(performance.now() - started);
  writeFileSync(`${file}.json`, JSON.stringify({ count, seed, generatedInMs }));
  log(`generated in ${Math.round(generatedInMs / 1000)} s`);
  return { file, generatedInMs, sidecar: null };
};

// `node --import tsx test/bench/history-data.ts [count] [seed]` makes the file ahead of time.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(ensureHistoryDb(Number(process.argv[2] ?? 1_000_000), Number(process.argv[3] ?? benchSeed)).file);
}
