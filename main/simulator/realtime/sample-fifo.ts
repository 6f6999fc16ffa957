/** A growable first-in first-out queue of float samples with a cap (oldest dropped first). */
export class SampleFifo {
  private buffer: Float32Array;
  private start = 0;
  private end = 0;
  dropped = 0;

  constructor(private readonly cap: number) {
    this.buffer = new Float32Array(Math.min(cap, 16_384) * 2);
  }

  get length(): number {
    return this.end - this.start;
  }

  push(samples: Float32Array): void {
    if (this.end + samples.length > this.buffer.length) {
      this.buffer.copyWithin(0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
      if (this.end + samples.length > this.buffer.length) {
        const grown = new Float32Array(Math.max(this.buffer.length * 2, this.end + samples.length));
        grown.set(this.buffer.subarray(0, this.end));
        this.buffer = grown;
      }
    }
    this.buffer.set(samples, this.end);
    this.end += samples.length;
    if (this.length > this.cap) {
      this.dropped += this.length - this.cap;
      this.start = this.end - this.cap;
    }
  }

  /** Up to `n` samples, oldest first. */
  take(n: number): Float32Array {
    const count = Math.min(n, this.length);
    const out = this.buffer.slice(this.start, this.start + count);
    this.start += count;
    return out;
  }

  clear(): void {
    this.start = this.end = 0;
  }
}

/** Keeps the most recent `cap` samples of a recording in chunks; `all()` joins them. */
export class Recording {
  private chunks: Int16Array[] = [];
  private total = 0;
  /** Samples dropped from the front to respect the cap. */
  trimmed = 0;

  constructor(private readonly cap: number) {}

  get length(): number {
    return this.total;
  }

  append(samples: Int16Array): void {
    this.chunks.push(samples);
    this.total += samples.length;
    while (this.total - (this.chunks[0]?.length ?? 0) >= this.cap && this.chunks.length > 1) {
      const first = this.chunks.shift()!;
      this.total -= first.length;
      this.trimmed += first.length;
    }
  }

  all(): Int16Array {
    const out = new Int16Array(this.total);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

export const toPcm16 = (samples: Float32Array): Int16Array => {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
  return out;
};

export const fromPcm16 = (data: Uint8Array): Float32Array => {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out = new Float32Array(data.byteLength >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
};
