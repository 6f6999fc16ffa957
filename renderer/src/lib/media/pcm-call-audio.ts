import type { CallMediaView, CommandRequest } from '../../../../preload/contract';
import type { MediaChannel } from '../media-channel';
import captureUrl from './worklets/capture-processor.ts?worker&url';
import playbackUrl from './worklets/playback-processor.ts?worker&url';
import { captureProcessorName, playbackProcessorName, type PlaybackReport, type WorkletCommand } from './worklets/worklet-scope';

export type AudioFailure = CommandRequest<'media.failed'>['reason'];

export interface PcmCallAudioDeps {
  openChannel(callId: string): Promise<MediaChannel>;
  report(stats: CommandRequest<'media.stats'>): void;
  failed(reason: AudioFailure, detail: string): void;
}

/** Echo cancellation and noise suppression on, as for any softphone; one channel is all the wire carries. */
const microphoneConstraints: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 };

const reopenDelayMs = 500;

const failureOf = (error: unknown): AudioFailure => {
  const name = (error as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'microphone-denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'microphone-missing';
  return 'audio-device';
};

/**
 * The renderer's half of one web-number call's audio: microphone → capture
 * worklet → binary channel, and binary channel → playback worklet →
 * speaker. It decides nothing about the call; the main side starts and
 * stops it through the call's media view. In listen mode the microphone is
 * never opened.
 */
export class PcmCallAudio {
  private context: AudioContext | null = null;
  private stream: MediaStream | null = null;
  private channel: MediaChannel | null = null;
  private capture: AudioWorkletNode | null = null;
  private playback: AudioWorkletNode | null = null;
  private stopped = false;
  private framesOut = 0;

  constructor(
    readonly callId: string,
    private media: CallMediaView,
    private readonly deps: PcmCallAudioDeps,
  ) {}

  async start(): Promise<void> {
    let stage: AudioFailure = 'audio-device';
    try {
      const context = new AudioContext({ latencyHint: 'interactive' });
      this.context = context;
      await Promise.all([context.audioWorklet.addModule(captureUrl), context.audioWorklet.addModule(playbackUrl)]);
      if (this.stopped) return;
      const processorOptions = { wireRate: this.media.wireRate };
      this.playback = new AudioWorkletNode(context, playbackProcessorName, { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [1], processorOptions });
      this.playback.port.onmessage = (event: MessageEvent<PlaybackReport>) => this.onReport(event.data);
      this.playback.connect(context.destination);
      if (this.media.mode === 'talk') {
        this.stream = await navigator.mediaDevices.getUserMedia({ audio: microphoneConstraints });
        if (this.stopped) return this.stop();
        this.capture = new AudioWorkletNode(context, captureProcessorName, {
          numberOfInputs: 1,
          numberOfOutputs: 0,
          channelCount: 1,
          channelCountMode: 'explicit',
          processorOptions,
        });
        this.capture.port.onmessage = (event: MessageEvent<ArrayBuffer>) => {
          this.framesOut++;
          this.channel?.send(event.data);
        };
        context.createMediaStreamSource(this.stream).connect(this.capture);
      }
      if (context.state === 'suspended') await context.resume();
      stage = 'channel';
      await this.openChannel();
    } catch (error) {
      if (this.stopped) return;
      const reason = stage === 'channel' ? 'channel' : failureOf(error);
      this.deps.failed(reason, (error as Error)?.message ?? String(error));
      this.stop();
    }
  }

  /** The main side changed the call's media (e.g. adopted the rate the server speaks). */
  update(media: CallMediaView): void {
    if (media.wireRate !== this.media.wireRate) {
      const command: WorkletCommand = { type: 'rate', wireRate: media.wireRate };
      this.capture?.port.postMessage(command);
      this.playback?.port.postMessage(command);
    }
    this.media = media;
  }

  stop(): void {
    this.stopped = true;
    const channel = this.channel;
    this.channel = null;
    channel?.close();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.capture?.disconnect();
    this.playback?.disconnect();
    void this.context?.close().catch(() => {});
    this.context = null;
  }

  private async openChannel(): Promise<void> {
    const channel = await this.deps.openChannel(this.callId);
    if (this.stopped) return channel.close();
    this.channel = channel;
    channel.onFrame = (frame) => this.playback?.port.postMessage(frame, [frame]);
    channel.onClose = (code) => {
      if (this.channel !== channel) return;
      this.channel = null;
      // The host went away or restarted mid-call: the call's audio is still wanted, so reattach.
      if (!this.stopped && code !== 1000) setTimeout(() => void this.reopen(), reopenDelayMs);
    };
  }

  private async reopen(): Promise<void> {
    if (this.stopped || this.channel) return;
    try {
      await this.openChannel();
    } catch {
      if (!this.stopped) setTimeout(() => void this.reopen(), reopenDelayMs * 2);
    }
  }

  private onReport(report: PlaybackReport): void {
    this.deps.report({
      callId: this.callId,
      framesIn: report.framesIn,
      framesOut: this.framesOut,
      underruns: report.underruns,
      concealedMs: report.concealedMs,
      playedMs: report.playedMs,
      socketToSpeakerMs: report.socketToSpeakerMs,
      bufferMs: report.bufferMs,
      outputLatencyMs: Math.round(((this.context?.outputLatency ?? 0) + (this.context?.baseLatency ?? 0)) * 10_000) / 10,
    });
  }
}
