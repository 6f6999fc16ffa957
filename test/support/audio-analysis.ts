/**
 * Measuring sound the way the acceptance criteria speak of it: which
 * frequency a signal carries and how strongly, found by Goertzel and FFT,
 * never by counting bytes.
 */

export type Samples = ArrayLike<number>;

/** Power of `frequency` in `samples` (Goertzel over a Hann window), normalised so a full-scale sine gives ~0.25·A². */
export const goertzelPower = (samples: Samples, sampleRate: number, frequency: number): number => {
  const n = samples.length;
  if (n === 0) return 0;
  const w = (2 * Math.PI * frequency) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  let windowSum = 0;
  for (let i = 0; i < n; i++) {
    const hann = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1 || 1));
    windowSum += hann;
    const s0 = samples[i]! * hann + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return power / (windowSum * windowSum);
};

/** Mean square of the signal. */
export const meanSquare = (samples: Samples): number => {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return samples.length ? sum / samples.length : 0;
};

export const rmsDbfs = (samples: Samples): number => 10 * Math.log10(meanSquare(samples) + 1e-20);

/**
 * Share of the signal's power that sits at `frequency` (0..1). A clean sine
 * gives ~1; a sine buried in other sound gives its share.
 */
export const toneShare = (samples: Samples, sampleRate: number, frequency: number): number => {
  const total = meanSquare(samples);
  if (total === 0) return 0;
  // A Hann-windowed sine of amplitude A has Goertzel power A²/4, mean square A²/2.
  return Math.min(1, (2 * goertzelPower(samples, sampleRate, frequency)) / total);
};

/** Iterative radix-2 FFT on a power-of-two length (in place). */
const fft = (re: Float64Array, im: Float64Array): void => {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const angle = (-2 * Math.PI) / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < size / 2; k++) {
        const wr = Math.cos(angle * k);
        const wi = Math.sin(angle * k);
        const a = start + k;
        const b = a + size / 2;
        const tr = re[b]! * wr - im[b]! * wi;
        const ti = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
};

/**
 * The strongest frequency in the signal (Hann window, FFT, parabolic
 * interpolation of the peak bin), ignoring everything below `minHz`.
 */
export const dominantFrequency = (samples: Samples, sampleRate: number, minHz = 50): number => {
  let n = 1;
  while (n * 2 <= samples.length) n *= 2;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) re[i] = samples[i]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
  fft(re, im);
  const magnitude = (k: number) => Math.hypot(re[k]!, im[k]!);
  let peak = Math.max(1, Math.ceil((minHz * n) / sampleRate));
  for (let k = peak; k < n / 2; k++) if (magnitude(k) > magnitude(peak)) peak = k;
  const [a, b, c] = [magnitude(peak - 1), magnitude(peak), magnitude(peak + 1)];
  const offset = a - 2 * b + c === 0 ? 0 : (0.5 * (a - c)) / (a - 2 * b + c);
  return ((peak + offset) * sampleRate) / n;
};

/** Largest step between neighbouring samples: a click shows up as a step far above the signal's own. */
export const maxStep = (samples: Samples, from = 1, to = samples.length): number => {
  let max = 0;
  for (let i = Math.max(1, from); i < to; i++) max = Math.max(max, Math.abs(samples[i]! - samples[i - 1]!));
  return max;
};

/** A sine of `frequency` at `amplitude`, `length` samples long, starting at phase sample `offset`. */
export const sine = (frequency: number, sampleRate: number, length: number, amplitude = 0.5, offset = 0): Float32Array => {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * frequency * (i + offset)) / sampleRate);
  return out;
};

/**
 * The tone's power in a typical stretch of the signal: the median over
 * windows of `windowMs`, so a few dropped frames (a loaded machine) do not
 * move it the way they move the power of the whole signal.
 */
export const medianTonePower = (samples: Samples, sampleRate: number, frequency: number, windowMs = 50): number => {
  const size = Math.round((windowMs * sampleRate) / 1000);
  const powers: number[] = [];
  for (let start = 0; start + size <= samples.length; start += size) {
    powers.push(goertzelPower(Array.prototype.slice.call(samples, start, start + size) as number[], sampleRate, frequency));
  }
  powers.sort((a, b) => a - b);
  return powers.length === 0 ? 0 : powers[Math.floor(powers.length / 2)]!;
};

/**
 * Cuts a signal into windows of `windowMs` and tells, for each, whether the
 * tone is present (its share of the power above `minShare` and loud enough).
 */
export const tonePresence = (
  samples: Samples,
  sampleRate: number,
  frequency: number,
  options: { windowMs?: number; minShare?: number; minDbfs?: number } = {},
): boolean[] => {
  const size = Math.round(((options.windowMs ?? 20) * sampleRate) / 1000);
  const result: boolean[] = [];
  for (let start = 0; start + size <= samples.length; start += size) {
    const window = Array.prototype.slice.call(samples, start, start + size) as number[];
    result.push(rmsDbfs(window) > (options.minDbfs ?? -45) && toneShare(window, sampleRate, frequency) > (options.minShare ?? 0.5));
  }
  return result;
};
