/**
 * The loudness of a stream, read on demand: an analyser over the stream,
 * RMS of the latest block (0 silence … about 0.7 for a full-scale sine).
 */
export class LevelMeter {
  private readonly source: MediaStreamAudioSourceNode;
  private readonly analyser: AnalyserNode;
  private readonly buffer: Float32Array<ArrayBuffer>;

  constructor(context: AudioContext, stream: MediaStream) {
    this.source = context.createMediaStreamSource(stream);
    this.analyser = context.createAnalyser();
    this.analyser.fftSize = 512;
    this.buffer = new Float32Array(this.analyser.fftSize);
    this.source.connect(this.analyser);
  }

  level(): number {
    this.analyser.getFloatTimeDomainData(this.buffer);
    let sum = 0;
    for (const x of this.buffer) sum += x * x;
    return Math.sqrt(sum / this.buffer.length);
  }

  close(): void {
    this.source.disconnect();
  }
}

let shared: AudioContext | null = null;

/** One audio context for the window (browsers limit how many may exist). */
export const audioContext = (): AudioContext => {
  shared ??= new AudioContext();
  if (shared.state === 'suspended') void shared.resume();
  return shared;
};
