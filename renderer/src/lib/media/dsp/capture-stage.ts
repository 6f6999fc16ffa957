import { encodeFrame, floatToPcm16 } from './pcm16';
import { Resampler } from './resampler';

/** Outbound frames are a steady 20 ms (contract §6). */
export const captureFrameMs = 20;

/**
 * Microphone → wire, one render quantum at a time: mixes to mono, converts
 * the device rate to the wire rate with the low-pass resampler and cuts
 * PCM16 frames of exactly 20 ms, each stamped with the wall time its first
 * sample arrived. Pure TypeScript: runs in the AudioWorklet and in tests.
 */
export class CaptureStage {
  private resampler!: Resampler;
  private frame!: Int16Array;
  private filled = 0;
  private stamp = 0;
  private mono = new Float32Array(128);
  private converted!: Float32Array;
  private pcm!: Int16Array;

  constructor(
    private readonly deviceRate: number,
    wireRate: number,
    private readonly emit: (frame: ArrayBuffer) => void,
  ) {
    this.setWireRate(wireRate);
  }

  setWireRate(wireRate: number): void {
    this.resampler = new Resampler(this.deviceRate, wireRate);
    this.frame = new Int16Array(Math.round((wireRate * captureFrameMs) / 1000));
    this.converted = new Float32Array(this.resampler.maxOutput(1024));
    this.pcm = new Int16Array(this.converted.length);
    this.filled = 0;
  }

  /** One quantum of input channels; `now` is the wall time (ms) it arrived. */
  push(channels: readonly Float32Array[], now: number): void {
    const length = channels[0]!.length;
    if (this.mono.length !== length) this.mono = new Float32Array(length);
    this.mono.set(channels[0]!);
    for (let c = 1; c < channels.length; c++) for (let i = 0; i < length; i++) this.mono[i]! += channels[c]![i]!;
    if (channels.length > 1) for (let i = 0; i < length; i++) this.mono[i]! /= channels.length;
    const written = this.resampler.process(this.mono, this.converted);
    const pcm = floatToPcm16(this.converted.subarray(0, written), this.pcm.subarray(0, written));
    for (let i = 0; i < written; ) {
      if (this.filled === 0) this.stamp = now;
      const take = Math.min(written - i, this.frame.length - this.filled);
      this.frame.set(pcm.subarray(i, i + take), this.filled);
      this.filled += take;
      i += take;
      if (this.filled === this.frame.length) {
        this.emit(encodeFrame(this.stamp, this.frame));
        this.filled = 0;
      }
    }
  }
}
