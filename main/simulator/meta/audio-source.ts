import { readFileSync } from 'node:fs';
import { frameSamples, opusSampleRate } from './opus-codec';

/** What the simulated customer says into the phone. `echo` sends back what it hears. */
export type CustomerAudio =
  | { kind: 'tone'; hz: number; level?: number }
  | { kind: 'speech'; file: string }
  | { kind: 'silence' }
  | { kind: 'echo' };

/** Produces consecutive 20 ms frames of 48 kHz mono PCM16. */
export interface FrameSource {
  next(): Int16Array;
}

export const toneSource = (hz: number, level = 0.4): FrameSource => {
  let phase = 0;
  const step = (2 * Math.PI * hz) / opusSampleRate;
  return {
    next: () => {
      const frame = new Int16Array(frameSamples);
      for (let i = 0; i < frameSamples; i++) {
        frame[i] = Math.round(Math.sin(phase) * level * 32767);
        phase += step;
      }
      phase %= 2 * Math.PI;
      return frame;
    },
  };
};

export const silenceSource = (): FrameSource => ({ next: () => new Int16Array(frameSamples) });

/** A WAV file (PCM16, any rate, mono or stereo) played in a loop, resampled to 48 kHz. */
export const wavSource = (file: string): FrameSource => {
  const samples = readWav(readFileSync(file));
  let position = 0;
  return {
    next: () => {
      const frame = new Int16Array(frameSamples);
      for (let i = 0; i < frameSamples; i++) {
        frame[i] = samples[position]!;
        position = (position + 1) % samples.length;
      }
      return frame;
    },
  };
};

/** Reads a PCM16 WAV into 48 kHz mono samples (linear resampling: fine for speech and tones). */
export const readWav = (data: Buffer): Int16Array => {
  if (data.toString('ascii', 0, 4) !== 'RIFF' || data.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let offset = 12;
  let channels = 1;
  let rate = opusSampleRate;
  let bits = 16;
  while (offset + 8 <= data.length) {
    const id = data.toString('ascii', offset, offset + 4);
    const size = data.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (data.readUInt16LE(body) !== 1) throw new Error('only PCM WAV files can be played');
      channels = data.readUInt16LE(body + 2);
      rate = data.readUInt32LE(body + 4);
      bits = data.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bits !== 16) throw new Error('only 16-bit WAV files can be played');
      const frames = Math.floor(Math.min(size, data.length - body) / (2 * channels));
      const mono = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < channels; c++) sum += data.readInt16LE(body + (i * channels + c) * 2);
        mono[i] = sum / channels;
      }
      return resample(mono, rate, opusSampleRate);
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
};

const resample = (input: Float32Array, from: number, to: number): Int16Array => {
  const length = Math.max(1, Math.floor((input.length * to) / from));
  const out = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    const position = (i * from) / to;
    const left = Math.floor(position);
    const right = Math.min(left + 1, input.length - 1);
    const fraction = position - left;
    out[i] = Math.round(input[left]! * (1 - fraction) + input[right]! * fraction);
  }
  return out;
};

export const sourceFor = (audio: CustomerAudio): FrameSource | null => {
  switch (audio.kind) {
    case 'tone':
      return toneSource(audio.hz, audio.level);
    case 'speech':
      return wavSource(audio.file);
    case 'silence':
      return silenceSource();
    case 'echo':
      return null;
  }
};
