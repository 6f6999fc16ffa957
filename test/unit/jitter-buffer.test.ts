import { describe, expect, it } from 'vitest';
import { JitterBuffer } from '../../renderer/src/lib/media/dsp/jitter-buffer';
import { dominantFrequency, maxStep, sine } from '../support/audio-analysis';

const rate = 48_000;
const quantum = 128;
const ms = (value: number) => Math.round((value * rate) / 1000);

/**
 * Drives a buffer the way the playback worklet does: a frame source on one
 * schedule, the speaker pulling 128 samples at a time on the audio clock.
 * `arrivals` gives each frame's arrival time in samples.
 */
const run = (buffer: JitterBuffer, signal: Float32Array, frameSamples: number, arrivals: (index: number) => number, totalSamples: number) => {
  const out = new Float32Array(Math.floor(totalSamples / quantum) * quantum);
  const frames = Math.floor(signal.length / frameSamples);
  let next = 0;
  for (let clock = 0; clock < out.length; clock += quantum) {
    while (next < frames && arrivals(next) <= clock) {
      if (arrivals(next) === -1) {
        next++; // lost on the way
        continue;
      }
      buffer.push(signal.subarray(next * frameSamples, (next + 1) * frameSamples));
      next++;
    }
    buffer.pull(out.subarray(clock, clock + quantum));
  }
  return out;
};

/** The largest step a clean sine of this frequency and amplitude ever takes. */
const sineStep = (frequency: number, amplitude: number) => 2 * amplitude * Math.sin((Math.PI * frequency) / rate);

/** Deterministic pseudo-random numbers (mulberry32), so jitter tests repeat exactly. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe('JitterBuffer', () => {
  it('plays steady 20 ms frames without a single concealed sample and keeps the depth near one frame plus margin', () => {
    const buffer = new JitterBuffer({ sampleRate: rate });
    const signal = sine(440, rate, ms(5000));
    const out = run(buffer, signal, ms(20), (i) => i * ms(20), ms(4900));
    expect(buffer.stats.underruns).toBe(0);
    // Only the start-up (before the first frames fill the target) is not audio.
    expect(buffer.stats.concealedSamples).toBeLessThanOrEqual(ms(45));
    expect(buffer.depthPercentile(0.5)).toBeGreaterThanOrEqual(10);
    expect(buffer.depthPercentile(0.5)).toBeLessThanOrEqual(45);
    expect(Math.abs(dominantFrequency(out.subarray(ms(100)), rate) - 440)).toBeLessThan(1);
    expect(maxStep(out)).toBeLessThan(sineStep(440, 0.5) * 1.05);
  });

  it('holds 60 ms frames whole: the target grows to a frame plus margin and nothing underruns', () => {
    const buffer = new JitterBuffer({ sampleRate: rate });
    run(buffer, sine(440, rate, ms(5000)), ms(60), (i) => i * ms(60), ms(4900));
    expect(buffer.stats.underruns).toBe(0);
    expect(buffer.targetMs).toBeGreaterThanOrEqual(60);
    expect(buffer.targetMs).toBeLessThanOrEqual(120);
  });

  it('absorbs ±30 ms of network jitter: after at most a couple of underruns it keeps just enough depth', () => {
    const buffer = new JitterBuffer({ sampleRate: rate });
    const next = random(7);
    const delays = Array.from({ length: 1500 }, () => next() * ms(30));
    const out = run(buffer, sine(300, rate, ms(30_000)), ms(20), (i) => i * ms(20) + delays[i]!, ms(29_000));
    expect(buffer.stats.underruns).toBeLessThanOrEqual(2);
    // Deep enough to hold the jitter, far from the 120 ms ceiling.
    expect(buffer.depthPercentile(0.5)).toBeGreaterThanOrEqual(15);
    expect(buffer.depthPercentile(0.5)).toBeLessThanOrEqual(60);
    expect(Math.abs(dominantFrequency(out.subarray(ms(200)), rate) - 300)).toBeLessThan(1);
    expect(maxStep(out)).toBeLessThan(sineStep(300, 0.5) * 1.25);
  });

  it('deepens when the jitter gets worse (0 → 80 ms) and stops underrunning, never past 120 ms', () => {
    const buffer = new JitterBuffer({ sampleRate: rate });
    const next = random(11);
    // 10 s clean, then each frame up to 80 ms late.
    const delays = Array.from({ length: 2000 }, (_, i) => (i < 500 ? 0 : next() * ms(80)));
    const arrivals = (i: number) => i * ms(20) + delays[i]!;
    const signal = sine(300, rate, ms(40_000));
    const underrunsAt: number[] = [];
    const depthClean: number[] = [];
    const depthJittery: number[] = [];
    let frame = 0;
    const out = new Float32Array(quantum);
    for (let clock = 0; clock < ms(39_000); clock += quantum) {
      while (arrivals(frame) <= clock) buffer.push(signal.subarray(frame * ms(20), ++frame * ms(20)));
      const before = buffer.stats.underruns;
      buffer.pull(out);
      if (buffer.stats.underruns > before) underrunsAt.push(clock / rate);
      if (clock > ms(2000) && clock < ms(10_000)) depthClean.push(buffer.depthMs);
      if (clock > ms(20_000)) depthJittery.push(buffer.depthMs);
      expect(buffer.targetMs).toBeLessThanOrEqual(120);
    }
    const median = (values: number[]) => values.sort((x, y) => x - y)[values.length >> 1]!;
    expect(underrunsAt.filter((t) => t < 10)).toEqual([]);
    expect(underrunsAt.length).toBeLessThanOrEqual(3);
    // It holds more audio under jitter than on the clean link, and stays within the 120 ms ceiling.
    expect(median(depthJittery)).toBeGreaterThan(median(depthClean) + 10);
    expect(median(depthJittery)).toBeLessThanOrEqual(120);
  });

  it('conceals a 200 ms gap without clicks: fades the last period out and cross-fades the audio back in', () => {
    const buffer = new JitterBuffer({ sampleRate: rate });
    const gapFrom = 100; // frame index: 2 s in
    const gapFrames = 10; // 200 ms lost
    const signal = sine(440, rate, ms(6000));
    const arrivals = (i: number) => (i < gapFrom ? i * ms(20) : i < gapFrom + gapFrames ? -1 : i * ms(20));
    const out = run(buffer, signal, ms(20), arrivals, ms(5000));
    expect(buffer.stats.underruns).toBe(1);
    expect(buffer.stats.concealedSamples).toBeGreaterThan(ms(150));
    // A hard cut would step by up to the amplitude (0.5, about 17 times the tone's own step);
    // the concealed output never steps much beyond what the tone itself takes.
    expect(maxStep(out)).toBeLessThan(sineStep(440, 0.5) * 1.25);
    // Deep in the gap the repeated period has faded to silence instead of buzzing on.
    expect(Math.max(...out.subarray(ms(2150), ms(2200)).map(Math.abs))).toBe(0);
    // Audio plays again after the gap.
    const after = out.subarray(ms(2600), ms(4000));
    expect(Math.abs(dominantFrequency(after, rate) - 440)).toBeLessThan(1);
  });

  it('drains surplus depth (a burst of 100 ms arriving at once) back down without clicks', () => {
    const buffer = new JitterBuffer({ sampleRate: rate });
    // Frames 50–54 come 100 ms late, then all at once; afterwards the pace is steady again.
    const arrivals = (i: number) => (i >= 50 && i < 55 ? 55 * ms(20) : i * ms(20)) + (i >= 55 ? 0 : 0);
    const signal = sine(220, rate, ms(8000));
    const out = run(buffer, signal, ms(20), arrivals, ms(7800));
    expect(buffer.stats.underruns).toBe(1);
    // After the late frames the depth would stay high for ever; trimming removes the surplus.
    expect(buffer.stats.trimmedSamples).toBeGreaterThan(0);
    expect(buffer.depthMs).toBeLessThanOrEqual(buffer.targetMs + 25);
    expect(maxStep(out)).toBeLessThan(sineStep(220, 0.5) * 1.5);
  });

  it('drops the oldest audio rather than grow without bound when far too much arrives', () => {
    const buffer = new JitterBuffer({ sampleRate: rate });
    for (let i = 0; i < 100; i++) buffer.push(sine(440, rate, ms(20), 0.5, i * ms(20)));
    expect(buffer.stats.overflowSamples).toBeGreaterThan(0);
    expect(buffer.depthMs).toBeLessThanOrEqual(1000);
  });
});
