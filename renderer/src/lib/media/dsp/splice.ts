/**
 * Helpers for joining audio without clicks: find the lag at which a signal
 * best repeats itself (its pitch period, or a multiple of it), so a repeated
 * or removed stretch lines up in phase, and blend across the seam.
 */

/**
 * The lag in [minLag, maxLag] at which `window` samples from `start` best
 * match the same stretch shifted by `direction · lag` (normalised
 * cross-correlation); `fallback` when nothing fits (e.g. silence).
 */
const bestShift = (signal: Float32Array, start: number, window: number, minLag: number, maxLag: number, direction: 1 | -1, fallback: number): number => {
  let best = fallback;
  let bestScore = -Infinity;
  for (let lag = minLag; lag <= maxLag; lag++) {
    const shift = direction * lag;
    if (start + shift < 0 || start + shift + window > signal.length) break;
    let dot = 0;
    let energy = 1e-9;
    for (let i = start; i < start + window; i++) {
      const other = signal[i + shift]!;
      dot += signal[i]! * other;
      energy += other * other;
    }
    const score = dot / Math.sqrt(energy);
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return best;
};

/** The lag whose earlier copy best matches the `window` samples ending at `end` (to repeat a period). */
export const bestLag = (signal: Float32Array, end: number, window: number, minLag: number, maxLag: number): number =>
  bestShift(signal, end - window, window, minLag, maxLag, -1, maxLag);

/** The lag at which the samples from `start` best match those from `start + lag` (to remove `lag` samples). */
export const bestForwardLag = (signal: Float32Array, start: number, window: number, minLag: number, maxLag: number): number =>
  bestShift(signal, start, window, minLag, maxLag, 1, minLag);

/** Raised-cosine weight for position `i` of a fade of `length` samples (0 → 1). */
export const fadeIn = (i: number, length: number): number => 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / length);
