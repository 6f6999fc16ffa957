import type { CommandRequest, RealtimeMode } from '../../../../preload/contract';
import { mediaChannelClose } from '../../../../preload/contract/constants';
import type { MediaChannel } from '../media-channel';
import type { DeviceKind } from './devices.svelte';
import { LevelMeter } from './level-meter';
import { microphoneError } from './media-error';
import processorUrl from './worklets/pcm-processor.ts?worker&url';
import { pcmProcessorName, type PcmProcessorOptions, type PlaybackReport, type WorkletCommand } from './worklets/worklet-scope';

export interface PcmFormat {
  mode: RealtimeMode;
  wireRate: number;
}

export interface PcmCallAudioDeps {
  /** The microphone and speaker the agent chose (null: the system's default). */
  devices: { readonly inputId: string | null; readonly outputId: string | null };
  openChannel(callId: string): Promise<MediaChannel>;
  report(stats: CommandRequest<'pcm.stats'>): void;
  /** The main side closed the channel because a newer window took the call's audio over. */
  replaced(): void;
}

/** Echo cancellation and noise suppression on, as for any softphone; one channel is all the wire carries. */
const microphoneConstraints = (deviceId: string | null): MediaTrackConstraints => ({
  ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
  channelCount: 1,
});

const reopenDelayMs = 500;

/**
 * The call's context runs at the wire rate, so the worklet passes samples
 * through untouched: Chromium converts the microphone and the speaker to and
 * from it natively, far cheaper than the worklet's JavaScript filter, and the
 * worklet is woken a third as often at 16 kHz as at 48 kHz. Where a rate is
 * refused the device's own rate is used and the worklet converts.
 */
const contextAt = (wireRate: number): AudioContext => {
  try {
    return new AudioContext({ latencyHint: 'interactive', sampleRate: wireRate });
  } catch {
    return new AudioContext({ latencyHint: 'interactive' });
  }
};

/**
 * The renderer's half of one web-number call's audio: one AudioWorklet node
 * that takes the microphone to the binary channel and the binary channel to
 * the speaker. It decides nothing about the call: `prepare` readies playback
 * (and capture, to talk), `start` opens the channel, as the core says. In
 * listen mode the microphone is never opened.
 */
export class PcmCallAudio {
  private context: AudioContext | null = null;
  private stream: MediaStream | null = null;
  private source: MediaStreamAudioSourceNode | null = null;
  private meter: LevelMeter | null = null;
  private channel: MediaChannel | null = null;
  private node: AudioWorkletNode | null = null;
  private stopped = false;
  private framesOut = 0;
  private lastSentStamp: number | undefined;

  constructor(
    readonly callId: string,
    private format: PcmFormat,
    private readonly deps: PcmCallAudioDeps,
  ) {}

  /** The worklet, the speaker and, to talk, the microphone; throws what failed (the microphone's DOMException as it came). */
  async prepare(): Promise<void> {
    const context = contextAt(this.format.wireRate);
    this.context = context;
    await context.audioWorklet.addModule(processorUrl);
    if (this.stopped) return;
    await this.useOutput(this.deps.devices.outputId);
    const talk = this.format.mode === 'talk';
    if (talk) {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: microphoneConstraints(this.deps.devices.inputId) });
      if (this.stopped) return this.release(stream);
      this.stream = stream;
    }
    const processorOptions: PcmProcessorOptions = { wireRate: this.format.wireRate, capture: talk };
    const node = new AudioWorkletNode(context, pcmProcessorName, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCount: 1,
      channelCountMode: 'explicit',
      processorOptions,
    });
    this.node = node;
    node.port.onmessage = (event: MessageEvent<ArrayBuffer | PlaybackReport>) => {
      if (event.data instanceof ArrayBuffer) {
        if (!this.channel) return;
        this.framesOut++;
        this.lastSentStamp = new DataView(event.data).getFloat64(0, true);
        this.channel.send(event.data);
      } else {
        this.onReport(event.data);
      }
    };
    node.connect(context.destination);
    if (this.stream) this.connectMicrophone(this.stream);
    if (context.state === 'suspended') await context.resume();
  }

  /** Loudness of the microphone the call sends (0 silence … about 0.7 full scale); null in listen mode. */
  inputLevel(): number | null {
    return this.meter?.level() ?? null;
  }

  /** Opens the call's binary channel: the audio flows. */
  async start(): Promise<void> {
    if (this.stopped || this.channel) return;
    await this.openChannel();
  }

  /** The server speaks another rate than the setting: both directions follow. */
  setWireRate(wireRate: number): void {
    if (wireRate === this.format.wireRate) return;
    this.format = { ...this.format, wireRate };
    const command: WorkletCommand = { type: 'rate', wireRate };
    this.node?.port.postMessage(command);
  }

  /** The agent chose another microphone or speaker: the call moves onto it; the old microphone is released. */
  async setDevice(kind: DeviceKind, id: string): Promise<void> {
    if (kind === 'output') return this.useOutput(id);
    if (!this.stream || this.stopped) return;
    // On failure the call keeps the microphone it has, and the agent is told why the new one did not open.
    const stream = await navigator.mediaDevices.getUserMedia({ audio: microphoneConstraints(id) }).catch((error: unknown) => {
      throw microphoneError(error);
    });
    if (this.stopped || !this.node) return this.release(stream);
    const previous = this.stream;
    this.stream = stream;
    this.connectMicrophone(stream);
    this.release(previous);
  }

  stop(): void {
    this.stopped = true;
    const channel = this.channel;
    this.channel = null;
    channel?.close();
    if (this.stream) this.release(this.stream);
    this.stream = null;
    this.meter?.close();
    this.meter = null;
    this.source?.disconnect();
    this.source = null;
    this.node?.disconnect();
    void this.context?.close().catch(() => {});
    this.context = null;
  }

  private release(stream: MediaStream): void {
    for (const track of stream.getTracks()) track.stop();
  }

  private connectMicrophone(stream: MediaStream): void {
    this.meter?.close();
    this.source?.disconnect();
    this.source = this.context!.createMediaStreamSource(stream);
    this.source.connect(this.node!);
    this.meter = new LevelMeter(this.context!, this.source);
  }

  /** Plays the call on the chosen speaker; where that cannot be done (a device gone), the default one keeps playing it. */
  private async useOutput(id: string | null): Promise<void> {
    const context = this.context as (AudioContext & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (!id || !context?.setSinkId) return;
    await context.setSinkId(id).catch(() => undefined);
  }

  private async openChannel(): Promise<void> {
    const channel = await this.deps.openChannel(this.callId);
    if (this.stopped) return channel.close();
    this.channel = channel;
    channel.onFrame = (frame) => this.node?.port.postMessage(frame, [frame]);
    channel.onClose = (code) => {
      if (this.channel !== channel) return;
      this.channel = null;
      if (this.stopped || code === 1000) return;
      // A newer window took the call's audio over: taking it back would have the two windows trade it every half second.
      if (code === mediaChannelClose.replaced) return this.deps.replaced();
      // The host went away or restarted mid-call: the call's audio is still wanted, so reattach.
      setTimeout(() => void this.reopen(), reopenDelayMs);
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
      lastReceivedStamp: report.lastReceivedStamp,
      lastSentStamp: this.lastSentStamp,
      outputLatencyMs: Math.round(((this.context?.outputLatency ?? 0) + (this.context?.baseLatency ?? 0)) * 10_000) / 10,
    });
  }
}
