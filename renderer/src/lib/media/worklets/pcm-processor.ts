import { CaptureStage } from '../dsp/capture-stage';
import { PlaybackStage } from '../dsp/playback-stage';
import { pcmProcessorName, scope, type PcmProcessorOptions, type PlaybackReport, type WorkletCommand } from './worklet-scope';

const reportEveryMs = 1000;

/**
 * One node per call, both ways (one render callback per quantum instead of
 * two): microphone → capture stage → frames posted to the main thread, and
 * frames from the main thread → playback stage → speaker. In listen mode
 * nothing is connected to its input and nothing is captured.
 */
class PcmProcessor extends scope.AudioWorkletProcessor {
  private readonly capture: CaptureStage | null;
  private readonly playback: PlaybackStage;
  private sinceReport = 0;

  constructor(options: AudioWorkletNodeOptions) {
    super();
    const { wireRate, capture } = options.processorOptions as PcmProcessorOptions;
    this.playback = new PlaybackStage(scope.sampleRate, wireRate);
    this.capture = capture ? new CaptureStage(scope.sampleRate, wireRate, (frame) => this.port.postMessage(frame, [frame])) : null;
    this.port.onmessage = (event: MessageEvent<ArrayBuffer | WorkletCommand>) => {
      const data = event.data;
      if (data instanceof ArrayBuffer) {
        this.playback.receive(data, Date.now());
      } else if (data.type === 'rate') {
        this.playback.setWireRate(data.wireRate);
        this.capture?.setWireRate(data.wireRate);
      }
    };
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const input = inputs[0];
    if (this.capture && input && input.length > 0) this.capture.push(input, Date.now());
    const channels = outputs[0];
    if (!channels || channels.length === 0) return true;
    const first = channels[0]!;
    this.playback.pull(first);
    for (let c = 1; c < channels.length; c++) channels[c]!.set(first);
    this.sinceReport += first.length;
    if (this.sinceReport >= (scope.sampleRate * reportEveryMs) / 1000) {
      this.sinceReport = 0;
      const report: PlaybackReport = { type: 'stats', ...this.playback.readings() };
      this.port.postMessage(report);
    }
    return true;
  }
}

scope.registerProcessor(pcmProcessorName, PcmProcessor);
