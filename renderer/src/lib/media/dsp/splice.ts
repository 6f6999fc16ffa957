/**
 * Helpers for joining audio without clicks: find the lag at which a signal
 * best repeats itself (its pitch period, or a multiple of it), so a repeated
 * or removed stretch lines up in phase, and blend across the seam.
 */

/**
 * The lag in [minLag, maxLag] whose shifted copy best matches the `window`
 * samples ending at `end` (normalised cross-correlation). Falls back to
 * `maxLag` for silence.
 */
export const bestLag = (signal: Float32Array, end: number, window: number, minLag: number, maxLag: number): number => {
  let best = maxLag;
  let bestScore = -Infinity;
  const start = end - window;
  for (let lag = minLag; lag <= maxLag; lag++) {
    if (start - lag < 0) break;
    let dot = 0;
    let energy = 1e-9;
    for (let i = start; i < end; i++) {
      const past = signal[i - lag]!;
      dot += signal[i]! * past;
      energy += past * past;
    }
    const score = dot / Math.sqrt(energy);
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return best;
};

/**
 * The lag in [minLag, maxLag] at which the samples starting at `start`
 * best match those starting at `start + lag` (for removing `lag` samples
 * ahead of the read point).
 */
export const bestForwardLag = (signal: Float32Array, start: number, window: number, minLag: number, maxLag: number): number => {
  let best = minLag;
  let bestScore = -Infinity;
  for (let lag = minLag; lag <= maxLag; lag++) {
    let dot = 0;
    let energy = 1e-9;
    for (let i = 0; i < window; i++) {
      const ahead = signal[start + lag + i]!;
      dot += signal[start + i]! * ahead;
      energy += ahead * ahead;
    }
    const score = dot / Math.sqrt(energy);
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return best;
};

/** Raised-cosine weight for position `i` of a fade of `length` samples (0 → 1). */
export const fadeIn = (i: number, length: number): number => 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / length);
