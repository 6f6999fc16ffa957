import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '../../main/simulator/audio/wav';

/**
 * A WAV file holding a sine tone (PCM16 mono 48 kHz), for Chromium's
 * `--use-file-for-fake-audio-capture`: the agent's "voice" in tests, so what
 * the customer hears can be checked by its frequency.
 */
export const toneWav = (hz: number, seconds = 10, amplitude = 0.5): string => {
  const dir = join(tmpdir(), 'pilot-test-audio');
  const file = join(dir, `tone-${hz}hz-${seconds}s.wav`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const rate = 48_000;
  const data = encodeWav(Float32Array.from({ length: rate * seconds }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate) * amplitude), rate);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
  return file;
};
