/**
 * Streaming sample-rate converter: a polyphase windowed-sinc (Kaiser) filter.
 *
 * Why this and not a library: the well-kept resamplers on npm are WASM
 * (libsamplerate, speex), which an AudioWorklet could load only with
 * `'wasm-unsafe-eval'` in the CSP; the pure-JS ones work on whole buffers
 * or Node Buffers, not on a stream of 128-sample render quanta. This one is
 * small, allocation-free per call after warm-up, and its aliasing rejection
 * is measured in test/unit/resampler.test.ts.
 *
 * How: the ratio out/in is reduced to L/M. Output sample n sits at input
 * position n·M/L; its fractional part picks one of L phases of a low-pass
 * prototype whose cut-off is below the lower of the two Nyquist frequencies,
 * so nothing above it can fold back (down-sampling) or image (up-sampling).
 * Ratios with a very large L use a table of `maxPhases` phases and pick the
 * nearest, an error below -60 dB for speech.
 *
 * Pure TypeScript without DOM: it runs in the AudioWorklet, in Node tests and
 * in the benchmarks alike.
 */

export interface ResamplerOptions {
  /** Zero crossings of the sinc on each side, at the lower rate. More = steeper, more delay. */
  halfWidth?: number;
  /** Cut-off as a fraction of the lower Nyquist frequency. */
  cutoff?: number;
  /** Kaiser window shape: higher = deeper stop band, wider transition. */
  beta?: number;
  /** Cap on the phase table for awkward ratios. */
  maxPhases?: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Modified Bessel function of the first kind, order 0 (series), for the Kaiser window. */
const besselI0 = (x: number): number => {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
};

export class Resampler {
  readonly inRate: number;
  readonly outRate: number;
  /** Delay the filter adds, in output samples (half the filter length). */
  readonly delaySamples: number;
  private readonly up: number;
  private readonly down: number;
  private readonly phases: number;
  private readonly taps: number;
  /** `phases` rows of `taps` coefficients. */
  private readonly table: Float32Array;
  /** Input history: the last `taps - 1` samples plus room for one block. */
  private history: Float32Array;
  private historyLength: number;
  /** Position of the next output sample: integer input index + phase numerator (of `up`). */
  private index = 0;
  private phase = 0;
  private readonly passthrough: boolean;

  constructor(inRate: number, outRate: number, options: ResamplerOptions = {}) {
    if (!(inRate > 0 && outRate > 0) || !Number.isInteger(inRate) || !Number.isInteger(outRate)) {
      throw new RangeError(`sample rates must be positive integers (got ${inRate} → ${outRate})`);
    }
    this.inRate = inRate;
    this.outRate = outRate;
    const g = gcd(inRate, outRate);
    this.up = outRate / g;
    this.down = inRate / g;
    this.passthrough = this.up === this.down;
    const halfWidth = options.halfWidth ?? 16;
    const cutoff = options.cutoff ?? 0.9;
    const beta = options.beta ?? 8.6;
    this.phases = Math.min(this.up, options.maxPhases ?? 2048);
    // Filter length in input samples: `halfWidth` zero crossings of the lower rate on each side.
    const scale = Math.max(1, inRate / outRate);
    this.taps = 2 * Math.ceil(halfWidth * scale);
    this.table = new Float32Array(this.phases * this.taps);
    // Cut-off in cycles per input sample.
    const fc = (cutoff * 0.5) / scale;
    const centre = this.taps / 2 - 1;
    const i0Beta = besselI0(beta);
    for (let p = 0; p < this.phases; p++) {
      const frac = p / this.phases;
      let sum = 0;
      for (let k = 0; k < this.taps; k++) {
        const t = k - centre - frac;
        const x = 2 * fc * t;
        const sinc = t === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        const w = t / (centre + 1);
        const window = Math.abs(w) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - w * w)) / i0Beta;
        const c = 2 * fc * sinc * window;
        this.table[p * this.taps + k] = c;
        sum += c;
      }
      // Unity gain at DC for every phase: no amplitude ripple between phases.
      for (let k = 0; k < this.taps; k++) this.table[p * this.taps + k]! /= sum;
    }
    this.delaySamples = this.passthrough ? 0 : ((this.taps / 2) * outRate) / inRate;
    this.history = new Float32Array(this.taps + 4096);
    this.historyLength = this.taps - 1; // starts with silence, so the first samples have a past
  }

  /** Output samples `process` will produce for `inputLength` more input samples (upper bound). */
  maxOutput(inputLength: number): number {
    return Math.ceil(((inputLength + 1) * this.up) / this.down) + 1;
  }

  /**
   * Feeds `input` and writes the converted samples to `output` (which must
   * hold `maxOutput(input.length)`); returns how many were written.
   */
  process(input: Float32Array, output: Float32Array): number {
    if (this.passthrough) {
      output.set(input);
      return input.length;
    }
    this.append(input);
    const { taps, up, down, table, phases } = this;
    const history = this.history;
    const usable = this.historyLength - taps + 1; // output positions whose window is complete
    let written = 0;
    while (this.index < usable) {
      // Nearest lower phase when the table is capped: at most 1/maxPhases of a sample early.
      const row = (phases === up ? this.phase : Math.floor((this.phase * phases) / up)) * taps;
      let acc = 0;
      const base = this.index;
      for (let k = 0; k < taps; k++) acc += history[base + k]! * table[row + k]!;
      output[written++] = acc;
      this.phase += down;
      while (this.phase >= up) {
        this.phase -= up;
        this.index++;
      }
    }
    // Keep the tail the next window needs.
    const keepFrom = Math.min(this.index, this.historyLength);
    history.copyWithin(0, keepFrom, this.historyLength);
    this.historyLength -= keepFrom;
    this.index -= keepFrom;
    return written;
  }

  /** Convenience for tests and one-shot use. */
  processAll(input: Float32Array): Float32Array {
    const out = new Float32Array(this.maxOutput(input.length));
    return out.slice(0, this.process(input, out));
  }

  reset(): void {
    this.history.fill(0);
    this.historyLength = this.taps - 1;
    this.index = 0;
    this.phase = 0;
  }

  private append(input: Float32Array): void {
    const needed = this.historyLength + input.length;
    if (needed > this.history.length) {
      const grown = new Float32Array(needed * 2);
      grown.set(this.history.subarray(0, this.historyLength));
      this.history = grown;
    }
    this.history.set(input, this.historyLength);
    this.historyLength = needed;
  }
}
