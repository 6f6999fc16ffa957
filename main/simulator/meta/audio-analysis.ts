/**
 * Small signal tools to check *what* was heard, not how many bytes arrived:
 * the level of one frequency (Goertzel), the dominant frequency in a band,
 * and RMS. Used by the simulated customer's phone and by tests.
 */

/** Amplitude (0..1 for a full-scale sine) of `hz` in `samples`, by the Goertzel algorithm. */
export const toneLevel = (samples: Float32Array, sampleRate: number, hz: number): number => {
  if (samples.length === 0) return 0;
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / samples.length;
};

/** Root mean square of the samples (0 for silence, about 0.707 × amplitude for a sine). */
export const rms = (samples: Float32Array): number => {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const x of samples) sum += x * x;
  return Math.sqrt(sum / samples.length);
};

export interface DominantTone {
  hz: number;
  level: number;
}

/**
 * The strongest frequency between `minHz` and `maxHz`, scanned in `stepHz`
 * steps then refined to 1 Hz around the best step. Null for an empty window.
 */
export const dominantFrequency = (
  samples: Float32Array,
  sampleRate: number,
  { minHz = 100, maxHz = 4000, stepHz = 10 }: { minHz?: number; maxHz?: number; stepHz?: number } = {},
): DominantTone | null => {
  if (samples.length === 0) return null;
  let best: DominantTone = { hz: minHz, level: -1 };
  for (let hz = minHz; hz <= maxHz; hz += stepHz) {
    const level = toneLevel(samples, sampleRate, hz);
    if (level > best.level) best = { hz, level };
  }
  const coarse = best.hz;
  for (let hz = coarse - stepHz; hz <= coarse + stepHz; hz += 1) {
    const level = toneLevel(samples, sampleRate, hz);
    if (level > best.level) best = { hz, level };
  }
  return best;
};
