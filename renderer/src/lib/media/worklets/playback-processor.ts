import { JitterBuffer } from '../dsp/jitter-buffer';
import { decodeFrame, pcm16ToFloat } from '../dsp/pcm16';
import { Resampler } from '../dsp/resampler';
import { playbackProcessorName, scope, type PlaybackReport, type WorkletCommand } from './worklet-scope';

const reportEveryMs = 1000;
const depthReadingEveryMs = 20;

/**
 * Wire → speaker: decodes PCM16 frames of any length, converts the wire
 * rate to the device rate with the low-pass resampler and plays through the
 * adaptive jitter buffer. Reports, about once a second, how long frames
 * took from the realtime socket to the speaker's queue and how deep the
 * buffer ran.
 */
class PlaybackProcessor extends scope.AudioWorkletProcessor {
  private readonly jitter = new JitterBuffer({ sampleRate: scope.sampleRate });
  private resampler!: Resampler;
  private framesIn = 0;
  private latencies: number[] = [];
  private depths: number[] = [];
  private sinceReport = 0;
  private sinceDepth = 0;

  constructor(options: AudioWorkletNodeOptions) {
    super();
    this.resampler = new Resampler((options.processorOptions as { wireRate: number }).wireRate, scope.sampleRate);
    this.port.onmessage = (event: MessageEvent<ArrayBuffer | WorkletCommand>) => {
      const data = event.data;
      if (data instanceof ArrayBuffer) this.receive(data);
      else if (data.type === 'rate') this.resampler = new Resampler(data.wireRate, scope.sampleRate);
    };
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const channels = outputs[0];
    if (!channels || channels.length === 0) return true;
    const first = channels[0]!;
    this.jitter.pull(first);
    for (let c = 1; c < channels.length; c++) channels[c]!.set(first);
    this.sinceDepth += first.length;
    if (this.sinceDepth >= (scope.sampleRate * depthReadingEveryMs) / 1000) {
      this.sinceDepth = 0;
      if (this.depths.length < 200) this.depths.push(Math.round(this.jitter.depthMs * 10) / 10);
    }
    this.sinceReport += first.length;
    if (this.sinceReport >= (scope.sampleRate * reportEveryMs) / 1000) this.report();
    return true;
  }

  private receive(buffer: ArrayBuffer): void {
    const frame = decodeFrame(buffer);
    if (!frame) return;
    this.framesIn++;
    const floats = pcm16ToFloat(frame.samples);
    const converted = new Float32Array(this.resampler.maxOutput(floats.length));
    const written = this.resampler.process(floats, converted);
    this.jitter.push(converted.subarray(0, written));
    if (this.latencies.length < 500) this.latencies.push(Math.max(0, Date.now() - frame.stamp));
  }

  private report(): void {
    this.sinceReport = 0;
    const { stats } = this.jitter;
    const ms = (samples: number) => Math.round((samples * 1000) / scope.sampleRate);
    const report: PlaybackReport = {
      type: 'stats',
      framesIn: this.framesIn,
      underruns: stats.underruns,
      concealedMs: ms(stats.concealedSamples),
      playedMs: ms(stats.playedSamples),
      socketToSpeakerMs: this.latencies,
      bufferMs: this.depths,
    };
    this.port.postMessage(report);
    this.latencies = [];
    this.depths = [];
  }
}

scope.registerProcessor(playbackProcessorName, PlaybackProcessor);
