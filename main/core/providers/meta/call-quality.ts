import type { MediaStatsReport } from '../../../../preload/contract';

/** A Meta call's quality over its life, from the window's reports, for one log line when it ends. */
export class CallQuality {
  private reports = 0;
  private mosSum = 0;
  private minMos: number | null = null;
  private maxRttMs = 0;
  private maxJitterMs = 0;
  private maxLossPercent = 0;

  add(report: MediaStatsReport): void {
    if (report.mos !== null) {
      this.reports += 1;
      this.mosSum += report.mos;
      this.minMos = this.minMos === null ? report.mos : Math.min(this.minMos, report.mos);
    }
    this.maxRttMs = Math.max(this.maxRttMs, report.rttMs ?? 0);
    this.maxJitterMs = Math.max(this.maxJitterMs, report.jitterMs ?? 0);
    this.maxLossPercent = Math.max(this.maxLossPercent, report.lossPercent ?? 0);
  }

  /** Null when no report carried a MOS. */
  summary(): { avgMos: number; minMos: number | null; maxRttMs: number; maxJitterMs: number; maxLossPercent: number } | null {
    if (this.reports === 0) return null;
    return {
      avgMos: Math.round((this.mosSum / this.reports) * 100) / 100,
      minMos: this.minMos,
      maxRttMs: this.maxRttMs,
      maxJitterMs: this.maxJitterMs,
      maxLossPercent: this.maxLossPercent,
    };
  }
}
