import type { PlaybackReadings } from '../dsp/playback-stage';

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

/** The name the main thread creates the node by. */
export const pcmProcessorName = 'pilot-pcm';

export interface PcmProcessorOptions {
  wireRate: number;
  /** Talk mode: capture the microphone connected to the node's input. */
  capture: boolean;
}

/** Messages the worklets accept on their port besides audio. */
export type WorkletCommand = { type: 'rate'; wireRate: number };

/** Playback statistics the worklet posts about once a second. */
export type PlaybackReport = { type: 'stats' } & PlaybackReadings;
