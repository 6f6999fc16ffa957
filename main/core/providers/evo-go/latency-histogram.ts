/** Summary of a latency distribution, as logged and as the benchmarks print it. */
export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  /** How many readings fell in each 10 ms band (0–10, 10–20, ...), up to the last band used. */
  byTenMs: number[];
}

/**
 * Millisecond readings in 0.1 ms bins (0–2000 ms; longer readings count in
 * the last bin), so a whole call's worth costs a fixed 80 kB and percentiles
 * are exact to the bin.
 */
export class LatencyHistogram {
  private readonly bins = new Uint32Array(20_001);
  private count = 0;
  private sum = 0;
  private max = 0;

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.bins[Math.min(this.bins.length - 1, Math.round(ms * 10))]!++;
    this.count++;
    this.sum += ms;
    this.max = Math.max(this.max, ms);
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil(this.count * p);
    let seen = 0;
    for (let i = 0; i < this.bins.length; i++) {
      seen += this.bins[i]!;
      if (seen >= rank) return i / 10;
    }
    return this.max;
  }

  summary(): LatencySummary {
    return {
      n: this.count,
      p50: this.percentile(0.5),
      p95: this.percentile(0.95),
      max: Math.round(this.max * 10) / 10,
      mean: this.count === 0 ? 0 : Math.round((this.sum / this.count) * 10) / 10,
      byTenMs: this.bands(10),
    };
  }

  private bands(widthMs: number): number[] {
    const bands: number[] = [];
    const binsPerBand = widthMs * 10;
    for (let i = 0; i < this.bins.length; i++) {
      if (this.bins[i] === 0) continue;
      const band = Math.floor(i / binsPerBand);
      while (bands.length <= band) bands.push(0);
      bands[band]! += this.bins[i]!;
    }
    return bands;
  }
}
