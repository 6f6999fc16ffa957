/**
 * Cuts a stream of PCM16 chunks into frames of exactly `frameBytes`, so the
 * realtime socket always gets steady 20 ms frames whatever sizes the
 * renderer delivers. Each frame carries the time stamp of the chunk its
 * first byte came from (for the latency the benchmarks measure).
 */
export class PcmReframer {
  private pending: Buffer[] = [];
  private stamps: { stamp: number; remaining: number }[] = [];
  private length = 0;

  constructor(public frameBytes: number) {}

  /** Adds a chunk; returns the whole frames now available. */
  push(chunk: Buffer, stamp: number): { frame: Buffer; stamp: number }[] {
    if (chunk.length === 0) return [];
    this.pending.push(chunk);
    this.stamps.push({ stamp, remaining: chunk.length });
    this.length += chunk.length;
    const frames: { frame: Buffer; stamp: number }[] = [];
    while (this.length >= this.frameBytes) {
      const all = Buffer.concat(this.pending);
      frames.push({ frame: all.subarray(0, this.frameBytes), stamp: this.stamps[0]!.stamp });
      this.consumeStamps(this.frameBytes);
      this.pending = [all.subarray(this.frameBytes)];
      this.length -= this.frameBytes;
    }
    return frames;
  }

  /** Drops anything partial, e.g. when the wire rate changes. */
  reset(frameBytes = this.frameBytes): void {
    this.frameBytes = frameBytes;
    this.pending = [];
    this.stamps = [];
    this.length = 0;
  }

  private consumeStamps(bytes: number): void {
    while (bytes > 0 && this.stamps.length > 0) {
      const head = this.stamps[0]!;
      const used = Math.min(bytes, head.remaining);
      head.remaining -= used;
      bytes -= used;
      if (head.remaining === 0) this.stamps.shift();
    }
  }
}
