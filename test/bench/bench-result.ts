/** One benchmark result, printed as one JSON line. */
export interface BenchResult {
  name: string;
  unit: string;
  n: number;
  p50?: number;
  p95?: number;
  [extra: string]: unknown;
}

export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
};

const round = (value: number): number => Math.round(value * 100) / 100;

/** Summarises samples as p50/p95 (plus whatever extra fields) and prints the line. */
export const report = (name: string, unit: string, samples: readonly number[], extra: Record<string, unknown> = {}): BenchResult => {
  const result: BenchResult = { name, unit, n: samples.length, p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), ...extra };
  console.log(JSON.stringify(result));
  return result;
};
