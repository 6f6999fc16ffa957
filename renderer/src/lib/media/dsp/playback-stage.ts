import { JitterBuffer } from './jitter-buffer';
import { decodeFrame, pcm16ToFloat } from './pcm16';
import { Resampler } from './resampler';

const depthReadingEveryMs = 20;

/** What playback reports about once a second (readings since the last report). */
export interface PlaybackReadings {
  framesIn: number;
  /** Stamp of the newest frame received (the main side's time it came off the socket). */
  lastReceivedStamp?: number;
  underruns: number;
  concealedMs: number;
  playedMs: number;
  socketToSpeakerMs: number[];
  bufferMs: number[];
}

/**
 * Wire → speaker: decodes PCM16 frames of any length (each with its 8-byte
 * time stamp), converts the wire rate to the device rate with the low-pass
 * resampler and plays them through the adaptive jitter buffer. Keeps the
 * readings the benchmarks and the call's log need. Pure TypeScript.
 */
export class PlaybackStage {
  readonly jitter: JitterBuffer;
  private resampler: Resampler;
  private framesIn = 0;
  private lastStamp: number | undefined;
  private latencies: number[] = [];
  private depths: number[] = [];
  private sinceDepth = 0;
  private floats = new Float32Array(0);
  private converted = new Float32Array(0);

  constructor(
    private readonly deviceRate: number,
    wireRate: number,
  ) {
    this.jitter = new JitterBuffer({ sampleRate: deviceRate });
    this.resampler = new Resampler(wireRate, deviceRate);
  }

  setWireRate(wireRate: number): void {
    this.resampler = new Resampler(wireRate, this.deviceRate);
  }

  /** A frame from the main side; `now` is the wall time (ms) it reached the worklet. */
  receive(buffer: ArrayBuffer, now: number): void {
    const frame = decodeFrame(buffer);
    if (!frame) return;
    this.framesIn++;
    this.lastStamp = frame.stamp;
    const length = frame.samples.length;
    // Scratch kept between frames: the audio thread should not make garbage 50 times a second.
    if (this.floats.length < length) this.floats = new Float32Array(length);
    if (this.converted.length < this.resampler.maxOutput(length)) this.converted = new Float32Array(this.resampler.maxOutput(length));
    const floats = pcm16ToFloat(frame.samples, this.floats.subarray(0, length));
    this.jitter.push(this.converted.subarray(0, this.resampler.process(floats, this.converted)));
    if (this.latencies.length < 500) this.latencies.push(Math.max(0, now - frame.stamp));
  }

  /** Fills one quantum for the speaker. */
  pull(out: Float32Array): void {
    this.jitter.pull(out);
    this.sinceDepth += out.length;
    if (this.sinceDepth >= (this.deviceRate * depthReadingEveryMs) / 1000) {
      this.sinceDepth = 0;
      if (this.depths.length < 200) this.depths.push(Math.round(this.jitter.depthMs * 10) / 10);
    }
  }

  /** The readings since the last call, and the running totals. */
  readings(): PlaybackReadings {
    const { stats } = this.jitter;
    const ms = (samples: number) => Math.round((samples * 1000) / this.deviceRate);
    const readings: PlaybackReadings = {
      framesIn: this.framesIn,
      lastReceivedStamp: this.lastStamp,
      underruns: stats.underruns,
      concealedMs: ms(stats.concealedSamples),
      playedMs: ms(stats.playedSamples),
      socketToSpeakerMs: this.latencies,
      bufferMs: this.depths,
    };
    this.latencies = [];
    this.depths = [];
    return readings;
  }
}
