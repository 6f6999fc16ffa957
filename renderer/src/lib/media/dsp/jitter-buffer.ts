import { bestForwardLag, bestLag, fadeIn } from './splice';

/**
 * The playback side's adaptive jitter buffer, working on float samples at
 * the speaker's rate. Frames arrive in bursts (network jitter, 20 or 60 ms
 * frames, socket reconnects); the speaker takes 128 samples at a steady pace.
 *
 * - **Target depth** `targetMs` (20–120 ms by default): how much audio is
 *   gathered before playing starts or resumes. It starts at one frame plus a
 *   safety margin, grows by a step at every underrun and shrinks slowly
 *   after a quiet spell.
 * - **Latency trimming**: the lowest depth seen just before each arrival
 *   shows how much of the buffer was never needed; when that exceeds what
 *   the target calls for, the surplus is removed by splicing out one pitch
 *   period at a time with a cross-fade (no audible jump).
 * - **Concealment**: on an underrun the last pitch period is repeated with a
 *   fading gain (a waveform substitution, as in G.711 Appendix I), and when
 *   audio returns it is cross-faded in. Neither edge clicks.
 */
export interface JitterBufferOptions {
  sampleRate: number;
  minMs?: number;
  maxMs?: number;
  /** Depth to keep in hand just before a frame arrives. */
  safetyMs?: number;
  /** Growth of the target per underrun. */
  stepMs?: number;
}

export interface JitterBufferStats {
  receivedSamples: number;
  playedSamples: number;
  concealedSamples: number;
  underruns: number;
  trimmedSamples: number;
  overflowSamples: number;
}

const historyMs = 40;
const fadeMs = 5;
const concealDecayMs = 40;
const evaluateEveryMs = 500;
const shrinkAfterMs = 10_000;
const shrinkStepMs = 5;
const shrinkEveryMs = 2000;

export class JitterBuffer {
  readonly sampleRate: number;
  readonly stats: JitterBufferStats = { receivedSamples: 0, playedSamples: 0, concealedSamples: 0, underruns: 0, trimmedSamples: 0, overflowSamples: 0 };
  /** Depth readings (ms, one per pull) as a histogram, for the median the benchmarks quote. */
  readonly depthHistogram = new Uint32Array(1001);
  private readonly minSamples: number;
  private readonly maxSamples: number;
  private readonly safety: number;
  private readonly step: number;
  private readonly fade: number;
  private buffer: Float32Array;
  private read = 0;
  private write = 0;
  private playing = false;
  private target: number;
  private frame = 0;
  private lowWater = Infinity;
  private sinceEvaluate = 0;
  private sinceUnderrun = 0;
  private pendingTrim = 0;
  private readonly history: Float32Array;
  private historyLength = 0;
  private conceal: { segment: Float32Array; pos: number; gain: number } | null = null;
  private crossfade = 0;

  constructor(options: JitterBufferOptions) {
    const ms = (value: number) => Math.round((value * options.sampleRate) / 1000);
    this.sampleRate = options.sampleRate;
    this.minSamples = ms(options.minMs ?? 20);
    this.maxSamples = ms(options.maxMs ?? 120);
    this.safety = ms(options.safetyMs ?? 10);
    this.step = ms(options.stepMs ?? 20);
    this.fade = ms(fadeMs);
    this.target = Math.max(this.minSamples, ms(40));
    this.buffer = new Float32Array(ms(1000));
    this.history = new Float32Array(ms(historyMs) * 4);
  }

  get depthMs(): number {
    return ((this.write - this.read) * 1000) / this.sampleRate;
  }

  get targetMs(): number {
    return (this.target * 1000) / this.sampleRate;
  }

  /** Median (or another percentile) of the depth readings so far, in ms. */
  depthPercentile(p: number): number {
    let total = 0;
    for (const count of this.depthHistogram) total += count;
    let seen = 0;
    for (let ms = 0; ms < this.depthHistogram.length; ms++) {
      seen += this.depthHistogram[ms]!;
      if (total > 0 && seen >= total * p) return ms;
    }
    return 0;
  }

  /** A frame arrived (already at the speaker's rate). */
  push(samples: Float32Array): void {
    if (this.playing) this.lowWater = Math.min(this.lowWater, this.write - this.read);
    this.frame = Math.max(this.frame, samples.length);
    this.target = Math.max(this.target, this.floor());
    this.ensureRoom(samples.length);
    this.buffer.set(samples, this.write);
    this.write += samples.length;
    this.stats.receivedSamples += samples.length;
    if (!this.playing && this.write - this.read >= this.target) {
      this.playing = true;
      this.crossfade = this.fade;
    }
  }

  /** Fills `out` for the speaker: audio when there is some, concealment when not. */
  pull(out: Float32Array): void {
    const n = out.length;
    this.recordDepth();
    let filled = 0;
    if (this.playing) {
      this.trimIfDue(n);
      const take = Math.min(n, this.write - this.read);
      for (let i = 0; i < take; i++) {
        let sample = this.buffer[this.read + i]!;
        if (this.crossfade > 0) {
          const a = fadeIn(this.fade - this.crossfade, this.fade);
          sample = sample * a + this.concealSample() * (1 - a);
          if (--this.crossfade === 0) this.conceal = null;
        }
        out[i] = sample;
        this.remember(sample);
      }
      this.read += take;
      this.stats.playedSamples += take;
      filled = take;
      if (take < n) this.underrun();
    }
    if (filled < n && !this.conceal) this.startConcealment();
    for (let i = filled; i < n; i++) {
      const sample = this.concealSample();
      out[i] = sample;
      this.remember(sample);
    }
    this.stats.concealedSamples += n - filled;
    this.sinceEvaluate += n;
    this.sinceUnderrun += n;
    if (this.sinceEvaluate >= (evaluateEveryMs * this.sampleRate) / 1000) this.evaluate();
  }

  /** The smallest target that can hold a whole frame plus the safety margin. */
  private floor(): number {
    return Math.min(this.maxSamples, Math.max(this.minSamples, this.frame + this.safety));
  }

  private underrun(): void {
    this.stats.underruns++;
    this.playing = false;
    this.target = Math.min(this.maxSamples, this.target + this.step);
    this.sinceUnderrun = 0;
    this.pendingTrim = 0;
  }

  private evaluate(): void {
    if (this.playing && Number.isFinite(this.lowWater)) {
      const wanted = Math.max(this.safety, this.target - this.frame);
      const slack = this.fade;
      if (this.lowWater > wanted + slack) this.pendingTrim = this.lowWater - wanted;
    }
    if (this.sinceUnderrun >= (shrinkAfterMs * this.sampleRate) / 1000 && this.target > this.floor()) {
      this.target = Math.max(this.floor(), this.target - Math.round((shrinkStepMs * this.sampleRate) / 1000));
      this.sinceUnderrun -= Math.round((shrinkEveryMs * this.sampleRate) / 1000);
    }
    this.lowWater = Infinity;
    this.sinceEvaluate = 0;
  }

  /** Removes surplus depth one pitch period at a time, blending across the seam. */
  private trimIfDue(n: number): void {
    const minLag = Math.round(this.sampleRate * 0.0025);
    if (this.pendingTrim < minLag) return;
    const maxLag = Math.min(this.pendingTrim, Math.round(this.sampleRate * 0.015));
    const window = this.fade;
    if (this.write - this.read < n + maxLag + window) return;
    const lag = bestForwardLag(this.buffer, this.read, window, minLag, maxLag);
    for (let j = 0; j < window; j++) {
      const a = fadeIn(j, window);
      const at = this.read + lag + j;
      this.buffer[at] = this.buffer[this.read + j]! * (1 - a) + this.buffer[at]! * a;
    }
    this.read += lag;
    this.pendingTrim -= lag;
    this.stats.trimmedSamples += lag;
  }

  private startConcealment(): void {
    const window = this.fade;
    const minLag = Math.round(this.sampleRate * 0.0025);
    const maxLag = Math.round(this.sampleRate * 0.015);
    if (this.historyLength < window + minLag) {
      this.conceal = { segment: new Float32Array(1), pos: 0, gain: 0 };
      return;
    }
    const lag = bestLag(this.history, this.historyLength, window, minLag, Math.min(maxLag, this.historyLength - window));
    this.conceal = { segment: this.history.slice(this.historyLength - lag, this.historyLength), pos: 0, gain: 1 };
  }

  private concealSample(): number {
    const c = this.conceal;
    if (!c || c.gain <= 0) return 0;
    const value = c.segment[c.pos % c.segment.length]! * c.gain;
    c.pos++;
    c.gain = Math.max(0, c.gain - 1000 / (concealDecayMs * this.sampleRate));
    return value;
  }

  private remember(sample: number): void {
    if (this.historyLength === this.history.length) {
      const keep = this.history.length / 4;
      this.history.copyWithin(0, this.historyLength - keep, this.historyLength);
      this.historyLength = keep;
    }
    this.history[this.historyLength++] = sample;
  }

  private recordDepth(): void {
    const ms = Math.min(1000, Math.round(this.depthMs));
    this.depthHistogram[ms]!++;
  }

  private ensureRoom(length: number): void {
    if (this.write + length <= this.buffer.length) return;
    this.buffer.copyWithin(0, this.read, this.write);
    this.write -= this.read;
    this.read = 0;
    const overflow = this.write + length - this.buffer.length;
    if (overflow > 0) {
      // Far more audio than any target: drop the oldest rather than grow without bound.
      this.buffer.copyWithin(0, overflow, this.write);
      this.write -= overflow;
      this.stats.overflowSamples += overflow;
    }
  }
}
