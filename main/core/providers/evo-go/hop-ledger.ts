/**
 * Counts the frames that pass one hop of the audio path, keyed by their
 * time stamps, so a report from the far side ("I have N frames, the last one
 * stamped T") tells exactly how many were lost on the way rather than still
 * in flight: everything stamped up to T should have arrived.
 */
export class HopLedger {
  private readonly recent: number[] = [];
  total = 0;

  constructor(private readonly keep = 1000) {}

  record(stamp: number): void {
    this.total++;
    this.recent.push(stamp);
    if (this.recent.length > this.keep) this.recent.shift();
  }

  /** Frames recorded with a stamp up to `stamp` (frames pass in stamp order). */
  countUpTo(stamp: number): number {
    let newer = 0;
    for (let i = this.recent.length - 1; i >= 0 && this.recent[i]! > stamp; i--) newer++;
    return this.total - newer;
  }
}
