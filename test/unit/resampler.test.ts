import { describe, expect, it } from 'vitest';
import { Resampler } from '../../renderer/src/lib/media/dsp/resampler';
import { dominantFrequency, goertzelPower, sine } from '../support/audio-analysis';

const db = (ratio: number) => 10 * Math.log10(ratio);

/** What the app must not do: keep every n-th sample (no low-pass). */
const dropSamples = (input: Float32Array, factor: number): Float32Array => input.filter((_, i) => i % factor === 0);

/** Skips the filter's start-up so only the steady state is measured. */
const steady = (signal: Float32Array, rate: number): Float32Array => signal.subarray(Math.round(rate * 0.05));

describe('Resampler', () => {
  it('passes speech-band tones at unchanged level and frequency, 48 kHz → 16 kHz', () => {
    for (const frequency of [300, 1000, 3400, 6000]) {
      const out = steady(new Resampler(48_000, 16_000).processAll(sine(frequency, 48_000, 48_000)), 16_000);
      expect(Math.abs(dominantFrequency(out, 16_000) - frequency)).toBeLessThan(2);
      const level = goertzelPower(out, 16_000, frequency) / goertzelPower(sine(frequency, 16_000, out.length), 16_000, frequency);
      expect(Math.abs(db(level))).toBeLessThan(0.2);
    }
  });

  it('rejects what would alias when going down: 10 kHz at 48 kHz leaves no 6 kHz at 16 kHz', () => {
    const input = sine(10_000, 48_000, 48_000);
    const reference = goertzelPower(sine(6000, 16_000, 16_000), 16_000, 6000);
    const filtered = steady(new Resampler(48_000, 16_000).processAll(input), 16_000);
    const naive = steady(dropSamples(input, 3), 16_000);
    const aliasFiltered = db(goertzelPower(filtered, 16_000, 6000) / reference);
    const aliasNaive = db(goertzelPower(naive, 16_000, 6000) / reference);
    // Dropping samples folds the tone straight back at full level; the filter keeps it 70 dB down.
    expect(aliasNaive).toBeGreaterThan(-1);
    expect(aliasFiltered).toBeLessThan(-70);
  });

  it('keeps a tone just past the lower Nyquist (8.8 kHz → alias at 7.2 kHz) at least 50 dB down', () => {
    const out = steady(new Resampler(48_000, 16_000).processAll(sine(8800, 48_000, 48_000)), 16_000);
    const reference = goertzelPower(sine(7200, 16_000, out.length), 16_000, 7200);
    expect(db(goertzelPower(out, 16_000, 7200) / reference)).toBeLessThan(-50);
  });

  it('leaves no images when going up: 1 kHz at 16 kHz → 48 kHz has nothing at 15 or 17 kHz', () => {
    const out = steady(new Resampler(16_000, 48_000).processAll(sine(1000, 16_000, 16_000)), 48_000);
    const tone = goertzelPower(out, 48_000, 1000);
    expect(Math.abs(dominantFrequency(out, 48_000) - 1000)).toBeLessThan(2);
    expect(db(goertzelPower(out, 48_000, 15_000) / tone)).toBeLessThan(-70);
    expect(db(goertzelPower(out, 48_000, 17_000) / tone)).toBeLessThan(-70);
  });

  it('handles the awkward 44.1 kHz ratios both ways', () => {
    const down = steady(new Resampler(44_100, 16_000).processAll(sine(440, 44_100, 44_100)), 16_000);
    expect(Math.abs(dominantFrequency(down, 16_000) - 440)).toBeLessThan(2);
    expect(down.length).toBeGreaterThan(15_000);
    const up = steady(new Resampler(24_000, 44_100).processAll(sine(440, 24_000, 24_000)), 44_100);
    expect(Math.abs(dominantFrequency(up, 44_100) - 440)).toBeLessThan(2);
  });

  it('gives the same samples whether fed in one piece or in render quanta of 128', () => {
    const input = sine(700, 48_000, 9600);
    const whole = new Resampler(48_000, 24_000).processAll(input);
    const streamed = new Resampler(48_000, 24_000);
    const parts: number[] = [];
    const scratch = new Float32Array(streamed.maxOutput(128));
    for (let i = 0; i < input.length; i += 128) {
      const written = streamed.process(input.subarray(i, i + 128), scratch);
      parts.push(...scratch.subarray(0, written));
    }
    expect(parts.length).toBe(whole.length);
    for (let i = 0; i < whole.length; i++) expect(parts[i]).toBeCloseTo(whole[i]!, 6);
  });

  it('produces exactly the rate ratio over time and reports a delay of about a millisecond', () => {
    const r = new Resampler(48_000, 16_000);
    let total = 0;
    const scratch = new Float32Array(r.maxOutput(128));
    for (let i = 0; i < 375; i++) total += r.process(new Float32Array(128), scratch); // 1 s of input
    expect(Math.abs(total - 16_000)).toBeLessThanOrEqual(r.delaySamples + 1);
    expect((r.delaySamples / 16_000) * 1000).toBeLessThan(2);
  });

  it('passes equal rates through untouched and refuses nonsense rates', () => {
    const input = sine(1000, 16_000, 320);
    expect(Array.from(new Resampler(16_000, 16_000).processAll(input))).toEqual(Array.from(input));
    expect(() => new Resampler(0, 16_000)).toThrow(RangeError);
    expect(() => new Resampler(16_000.5, 16_000)).toThrow(RangeError);
  });
});
