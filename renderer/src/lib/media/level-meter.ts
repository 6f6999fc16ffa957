/**
 * The loudness of a stream, read on demand: an analyser over the stream,
 * RMS of the latest block (0 silence … about 0.7 for a full-scale sine).
 * Given the source node a call already has, it taps that one: a second
 * source over the same stream would make Chromium convert the microphone
 * to the context's rate twice.
 */
export class LevelMeter {
  private readonly source: AudioNode;
  private readonly ownsSource: boolean;
  private readonly analyser: AnalyserNode;
  private readonly buffer: Float32Array<ArrayBuffer>;

  constructor(context: AudioContext, input: MediaStream | AudioNode) {
    this.ownsSource = input instanceof MediaStream;
    this.source = input instanceof MediaStream ? context.createMediaStreamSource(input) : input;
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
    if (this.ownsSource) this.source.disconnect();
    else this.source.disconnect(this.analyser);
  }
}

let shared: AudioContext | null = null;

/** One audio context for the window (browsers limit how many may exist). */
export const audioContext = (): AudioContext => {
  shared ??= new AudioContext();
  if (shared.state === 'suspended') void shared.resume();
  return shared;
};
