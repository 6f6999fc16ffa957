import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '../../main/simulator/audio/wav';
import { sine } from './audio-analysis';

/**
 * Writes a looping tone as a WAV file (a whole number of cycles, so the
 * loop has no seam), e.g. for Chromium's `--use-file-for-fake-audio-capture`.
 */
export const toneWav = (name: string, frequency: number, options: { sampleRate?: number; seconds?: number; amplitude?: number } = {}): string => {
  const sampleRate = options.sampleRate ?? 48_000;
  const dir = join(tmpdir(), 'pilot-test-audio');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${frequency}hz-${sampleRate}.wav`);
  writeFileSync(file, encodeWav(sine(frequency, sampleRate, Math.round(sampleRate * (options.seconds ?? 1)), options.amplitude ?? 0.5), sampleRate));
  return file;
};
