/**
 * PCM16 helpers shared by the worklets and the tests. Frames on the wire are
 * little-endian; typed arrays use the platform's byte order, which is little
 * endian on every platform the app ships for (x64, arm64).
 */

/** Float [-1, 1] to PCM16, rounded and clipped. */
export const floatToPcm16 = (input: Float32Array, output: Int16Array = new Int16Array(input.length)): Int16Array => {
  for (let i = 0; i < input.length; i++) {
    const v = Math.round(input[i]! * 32767);
    output[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return output;
};

/** PCM16 to float [-1, 1). */
export const pcm16ToFloat = (input: Int16Array, output: Float32Array = new Float32Array(input.length)): Float32Array => {
  for (let i = 0; i < input.length; i++) output[i] = input[i]! / 32768;
  return output;
};

/**
 * Frames between the renderer and the main side carry an 8-byte header (a
 * float64 epoch-millisecond time stamp: when the first sample was captured,
 * or when the frame came off the realtime socket) before the PCM16 samples,
 * so each hop's added latency can be measured. The header never reaches
 * Pilot Status: the wire carries bare PCM16.
 */
export const frameHeaderBytes = 8;

export const encodeFrame = (stamp: number, samples: Int16Array): ArrayBuffer => {
  const buffer = new ArrayBuffer(frameHeaderBytes + samples.byteLength);
  new DataView(buffer).setFloat64(0, stamp, true);
  new Int16Array(buffer, frameHeaderBytes).set(samples);
  return buffer;
};

export const decodeFrame = (buffer: ArrayBuffer): { stamp: number; samples: Int16Array } | null => {
  if (buffer.byteLength < frameHeaderBytes || (buffer.byteLength - frameHeaderBytes) % 2 !== 0) return null;
  return {
    stamp: new DataView(buffer).getFloat64(0, true),
    samples: new Int16Array(buffer, frameHeaderBytes, (buffer.byteLength - frameHeaderBytes) / 2),
  };
};
