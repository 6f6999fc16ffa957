/**
 * Minimal RIFF/WAVE reading and writing: PCM16 and float32, any rate and
 * channel count on input (mixed down to mono). The simulator decodes the
 * prompt files `/play` fetches with it; tests write tone files with it.
 */

export interface DecodedAudio {
  sampleRate: number;
  /** Mono samples in [-1, 1]. */
  samples: Float32Array;
}

export class WavError extends Error {}

export const decodeWav = (data: Uint8Array): DecodedAudio => {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const text = (offset: number) => String.fromCharCode(...data.subarray(offset, offset + 4));
  if (data.byteLength < 12 || text(0) !== 'RIFF' || text(8) !== 'WAVE') throw new WavError('not a RIFF/WAVE file');
  let format: { code: number; channels: number; rate: number; bits: number } | null = null;
  let offset = 12;
  while (offset + 8 <= data.byteLength) {
    const id = text(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      let code = view.getUint16(body, true);
      // WAVE_FORMAT_EXTENSIBLE: the real format code is the sub-format GUID's first two bytes.
      if (code === 0xfffe && size >= 26) code = view.getUint16(body + 24, true);
      format = { code, channels: view.getUint16(body + 2, true), rate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      if (!format) throw new WavError('data chunk before fmt chunk');
      const end = Math.min(data.byteLength, body + size);
      return { sampleRate: format.rate, samples: readSamples(view, body, end, format) };
    }
    offset = body + size + (size % 2);
  }
  throw new WavError('no data chunk');
};

const readSamples = (view: DataView, start: number, end: number, format: { code: number; channels: number; bits: number }): Float32Array => {
  const { code, channels, bits } = format;
  const bytes = bits / 8;
  if (!((code === 1 && bits === 16) || (code === 3 && bits === 32)) || channels < 1) {
    throw new WavError(`unsupported WAV encoding (format ${code}, ${bits} bits); use PCM16 or float32`);
  }
  const frames = Math.floor((end - start) / (bytes * channels));
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) {
      const at = start + (i * channels + c) * bytes;
      sum += code === 1 ? view.getInt16(at, true) / 32768 : view.getFloat32(at, true);
    }
    out[i] = sum / channels;
  }
  return out;
};

/** A mono PCM16 WAV file of `samples` (floats in [-1, 1]). */
export const encodeWav = (samples: Float32Array, sampleRate: number): Uint8Array => {
  const data = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(data.buffer);
  const write = (offset: number, text: string) => [...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  write(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  write(8, 'WAVE');
  write(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  write(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(44 + i * 2, Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767))), true);
  return data;
};

/** Linear-interpolation rate change: good enough for a test double's prompt playback, not for the app. */
export const changeRate = (samples: Float32Array, from: number, to: number): Float32Array => {
  if (from === to) return samples;
  const out = new Float32Array(Math.floor((samples.length * to) / from));
  for (let i = 0; i < out.length; i++) {
    const position = (i * from) / to;
    const j = Math.floor(position);
    const frac = position - j;
    out[i] = (samples[j] ?? 0) * (1 - frac) + (samples[j + 1] ?? samples[j] ?? 0) * frac;
  }
  return out;
};
