import { encodeFrame, floatToPcm16 } from '../dsp/pcm16';
import { Resampler } from '../dsp/resampler';
import { captureProcessorName, scope, type WorkletCommand } from './worklet-scope';

/** Outbound frames are a steady 20 ms (contract §6). */
const frameMs = 20;

/**
 * Microphone → wire: mixes the input to mono, converts the device rate to
 * the wire rate with the low-pass resampler, and posts PCM16 frames of
 * exactly 20 ms, each stamped with the wall time its first sample arrived.
 */
class CaptureProcessor extends scope.AudioWorkletProcessor {
  private resampler!: Resampler;
  private frame!: Int16Array;
  private filled = 0;
  private stamp = 0;
  private mono = new Float32Array(128);
  private converted = new Float32Array(1024);
  private pcm = new Int16Array(1024);

  constructor(options: AudioWorkletNodeOptions) {
    super();
    this.configure((options.processorOptions as { wireRate: number }).wireRate);
    this.port.onmessage = (event: MessageEvent<WorkletCommand>) => {
      if (event.data.type === 'rate') this.configure(event.data.wireRate);
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    const length = channels[0]!.length;
    if (this.mono.length !== length) this.mono = new Float32Array(length);
    this.mono.set(channels[0]!);
    for (let c = 1; c < channels.length; c++) for (let i = 0; i < length; i++) this.mono[i]! += channels[c]![i]!;
    if (channels.length > 1) for (let i = 0; i < length; i++) this.mono[i]! /= channels.length;
    const now = Date.now();
    const written = this.resampler.process(this.mono, this.converted);
    const pcm = floatToPcm16(this.converted.subarray(0, written), this.pcm.subarray(0, written));
    for (let i = 0; i < written; ) {
      if (this.filled === 0) this.stamp = now;
      const take = Math.min(written - i, this.frame.length - this.filled);
      this.frame.set(pcm.subarray(i, i + take), this.filled);
      this.filled += take;
      i += take;
      if (this.filled === this.frame.length) {
        const buffer = encodeFrame(this.stamp, this.frame);
        this.port.postMessage(buffer, [buffer]);
        this.filled = 0;
      }
    }
    return true;
  }

  private configure(wireRate: number): void {
    this.resampler = new Resampler(scope.sampleRate, wireRate);
    this.frame = new Int16Array(Math.round((wireRate * frameMs) / 1000));
    this.converted = new Float32Array(this.resampler.maxOutput(1024));
    this.pcm = new Int16Array(this.converted.length);
    this.filled = 0;
  }
}

scope.registerProcessor(captureProcessorName, CaptureProcessor);
