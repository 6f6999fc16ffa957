import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  const samples = rate * seconds;
  const data = Buffer.alloc(44 + samples * 2);
  data.write('RIFF', 0, 'ascii');
  data.writeUInt32LE(36 + samples * 2, 4);
  data.write('WAVEfmt ', 8, 'ascii');
  data.writeUInt32LE(16, 16);
  data.writeUInt16LE(1, 20);
  data.writeUInt16LE(1, 22);
  data.writeUInt32LE(rate, 24);
  data.writeUInt32LE(rate * 2, 28);
  data.writeUInt16LE(2, 32);
  data.writeUInt16LE(16, 34);
  data.write('data', 36, 'ascii');
  data.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * amplitude * 32767), 44 + i * 2);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
  return file;
};
