import { fuzzCallLogFiles, fuzzSettingsFiles } from './fuzz-files';
import { fuzzContract } from './fuzz-contract';
import { fuzzIntake } from './fuzz-intake';
import { fuzzPilotClient } from './fuzz-pilot-client';
import { fuzzRealtime } from './fuzz-realtime';
import type { FuzzResult } from './fuzz-run';

/** Cases per target: `test` keeps `npm test` to about a minute; `bench` is the long run of `npm run bench reliability`. */
export const fuzzBudgets = {
  test: { pilot: 4000, intake: 300, contract: 4000, realtime: 250, settings: 2000, callLog: 60, callLogCalls: 300 },
  bench: { pilot: 40_000, intake: 3000, contract: 40_000, realtime: 2500, settings: 20_000, callLog: 600, callLogCalls: 600 },
} as const;

/**
 * Every fuzz target in turn, each with its own seed derived from `seed`
 * (printed, so `FUZZ_SEED=<seed>` replays the run), and the unhandled
 * rejections seen meanwhile.
 */
export const runFuzzSuite = async (budget: (typeof fuzzBudgets)[keyof typeof fuzzBudgets], seed: number): Promise<{ results: FuzzResult[]; unhandled: unknown[] }> => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  console.log(`fuzz suite seed ${seed} (replay: FUZZ_SEED=${seed})`);
  try {
    const results = [
      await fuzzPilotClient({ numRuns: budget.pilot, seed }),
      await fuzzIntake({ numRuns: budget.intake, seed: seed + 1 }),
      await fuzzContract({ numRuns: budget.contract, seed: seed + 2 }),
      await fuzzRealtime({ numRuns: budget.realtime, seed: seed + 3 }),
      await fuzzSettingsFiles({ numRuns: budget.settings, seed: seed + 4 }),
      await fuzzCallLogFiles({ numRuns: budget.callLog, seed: seed + 5, calls: budget.callLogCalls }),
    ];
    return { results, unhandled };
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
};
