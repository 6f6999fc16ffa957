/**
 * The AudioWorkletGlobalScope, typed: TypeScript's DOM library does not
 * describe it, and declaring its names globally would leak them into the
 * rest of the renderer.
 */
export interface ProcessorBase {
  readonly port: MessagePort;
}

export interface WorkletScope {
  readonly sampleRate: number;
  readonly currentTime: number;
  AudioWorkletProcessor: new () => ProcessorBase;
  registerProcessor(name: string, processor: new (options: AudioWorkletNodeOptions) => ProcessorBase & { process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean }): void;
}

export const scope = globalThis as unknown as WorkletScope;

/** Names the main thread uses to create the nodes. */
export const captureProcessorName = 'pilot-pcm-capture';
export const playbackProcessorName = 'pilot-pcm-playback';

/** Messages the worklets accept on their port besides audio. */
export type WorkletCommand = { type: 'rate'; wireRate: number };

/** Playback statistics a worklet posts about once a second. */
export interface PlaybackReport {
  type: 'stats';
  framesIn: number;
  underruns: number;
  concealedMs: number;
  playedMs: number;
  socketToSpeakerMs: number[];
  bufferMs: number[];
}
