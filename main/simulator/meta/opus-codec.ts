import OpusScript from 'opusscript';

/** WhatsApp's audio: Opus at 48 kHz, 20 ms packets (contract §5). */
export const opusSampleRate = 48_000;
export const frameMs = 20;
export const frameSamples = (opusSampleRate * frameMs) / 1000;

/**
 * Opus for the simulated phone, through libopus compiled to WebAssembly
 * (opusscript): no native build, no download beyond the npm package.
 */
export class OpusEncoder {
  private readonly opus = new OpusScript(opusSampleRate, 1, OpusScript.Application.VOIP);

  /** One 20 ms mono frame of PCM16 → one Opus packet. */
  encode(frame: Int16Array): Buffer {
    if (frame.length !== frameSamples) throw new Error(`an Opus frame holds ${frameSamples} samples, got ${frame.length}`);
    return this.opus.encode(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), frameSamples);
  }

  close(): void {
    this.opus.delete();
  }
}

export class OpusDecoder {
  private readonly opus = new OpusScript(opusSampleRate, 1, OpusScript.Application.VOIP);

  /** One Opus packet → mono samples in -1..1 (mono or stereo packets are mixed down by libopus). */
  decode(packet: Buffer): Float32Array {
    const pcm = this.opus.decode(packet);
    const out = new Float32Array(pcm.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = pcm.readInt16LE(i * 2) / 32768;
    return out;
  }

  close(): void {
    this.opus.delete();
  }
}
