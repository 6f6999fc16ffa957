import { describe, expect, it } from 'vitest';
import { fuzzBudgets, runFuzzSuite } from '../reliability/fuzz-suite';
import { fuzzSeed } from '../reliability/fuzz-run';

/**
 * The fuzz suite at `npm test` size: over 10,000 generated cases per run
 * across Pilot Status answers, poll intake, contract requests, realtime
 * frames and damaged settings and call-log files, with a fresh seed each run
 * (printed; `FUZZ_SEED=<seed>` replays one). `npm run bench reliability` runs
 * ten times as many.
 */
describe('fuzz: what hostile or broken input can do', () => {
  it('finds no crash, no unhandled rejection, no untyped error, no lost call and no secret in a log line', async () => {
    const seed = fuzzSeed();
    const { results, unhandled } = await runFuzzSuite(fuzzBudgets.test, seed);
    const cases = results.reduce((sum, r) => sum + r.cases, 0);
    console.log(`fuzz total: ${cases} cases, seed ${seed}`);
    expect(results.filter((r) => r.failures > 0).map((r) => `${r.name} (seed ${r.seed}): ${r.counterexample}`)).toEqual([]);
    expect(unhandled.map(String)).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(10_000);
  }, 600_000);
});
