import fc from 'fast-check';

/** What one fuzz target reports: how many cases ran, how many failed, and how to replay them. */
export interface FuzzResult {
  name: string;
  cases: number;
  failures: number;
  seed: number;
  /** The shrunk failing case and its error, when one failed. */
  counterexample?: string;
  ms: number;
}

export interface FuzzOptions {
  numRuns: number;
  seed: number;
}

/**
 * The seed of this run: `FUZZ_SEED` when set (to replay a failure), else a
 * fresh one. Every target derives its own from it and prints it.
 */
export const fuzzSeed = (): number => (process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31));

/**
 * Runs a property with fast-check and reports it (never throws): the first
 * failure is shrunk to its smallest form, and its seed and path printed so
 * `FUZZ_SEED=<seed>` replays the whole run.
 */
export const runProperty = async <T>(
  name: string,
  options: FuzzOptions,
  arbitrary: fc.Arbitrary<T>,
  check: (value: T) => Promise<void> | void,
): Promise<FuzzResult> => {
  const started = performance.now();
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      await check(value);
    }),
    { numRuns: options.numRuns, seed: options.seed, endOnFailure: false },
  );
  const result: FuzzResult = {
    name,
    cases: details.numRuns,
    failures: details.failed ? 1 : 0,
    seed: details.seed,
    ms: Math.round(performance.now() - started),
  };
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    result.counterexample = `${error.slice(0, 1000)} | path ${details.counterexamplePath} | ${fc.stringify(details.counterexample).slice(0, 3000)}`;
  }
  console.log(`fuzz ${name}: ${result.cases} cases, ${result.failures} failures, seed ${result.seed} (${result.ms} ms)${result.counterexample ? `\n  ${result.counterexample}` : ''}`);
  return result;
};

/** Fails a property with a sentence when a check does not hold. */
export const ensure = (condition: unknown, message: string | (() => string)): void => {
  if (!condition) throw new Error(typeof message === 'string' ? message : message());
};
