import type { MediaPrepare } from '../../../../../preload/contract';
import type { DeviceKind } from '../devices.svelte';
import { PcmCallAudio } from '../pcm-call-audio';
import { pcmQualityOf, type PlaybackTotals } from '../pcm-quality';
import type { AudioFailure, CallMediaDriver, DriverContext, MediaStep } from './call-media-driver';

export type PcmPrepare = Extract<MediaPrepare, { kind: 'pcm' }>;

/** What a failure to open the microphone or the audio device means to the agent. */
const failureOf = (error: unknown): AudioFailure => {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'microphone-denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'microphone-missing';
  return 'audio-device';
};

const meterEveryMs = 100;

/**
 * A call whose media is realtime PCM16 run by the main side (web numbers):
 * the window captures and plays over the call's binary channel and reports
 * `pcm.stats` (from the worklet, about once a second) and `pcm.failed`.
 * The view gets the microphone's level (talk mode) and the playback's
 * quality: jitter-buffer depth and concealed audio. It has no keypad.
 */
export class PcmDriver implements CallMediaDriver {
  private readonly audio: PcmCallAudio;
  private meterTimer: ReturnType<typeof setInterval> | null = null;
  private lastTotals: PlaybackTotals | null = null;

  constructor(request: PcmPrepare, private readonly context: DriverContext) {
    this.audio = new PcmCallAudio(
      context.callId,
      { mode: request.mode, wireRate: request.wireRate },
      {
        devices: context.devices,
        openChannel: (callId) => context.openChannel(callId),
        report: (stats) => {
          this.context.show({ quality: pcmQualityOf(this.lastTotals, stats) });
          this.lastTotals = stats;
          void context.core.pcm.stats(stats);
        },
        replaced: () => context.handedOver(),
      },
    );
  }

  async prepare(): Promise<null> {
    await this.audio.prepare();
    return null;
  }

  /** PCM audio has no session description. */
  async remote(): Promise<void> {}

  async start(): Promise<void> {
    await this.audio.start();
    if (this.meterTimer || this.audio.inputLevel() === null) return;
    this.context.show({ inputLevel: 0 });
    this.meterTimer = setInterval(() => this.context.show({ inputLevel: this.audio.inputLevel() }), meterEveryMs);
  }

  /**
   * Nothing to do here: the main side applies mute and hold to the realtime socket itself (the frames keep their
   * cadence, their samples go silent), so a muted voice never leaves it, whatever the window does.
   */
  control(): void {}

  format(wireRate: number): void {
    this.audio.setWireRate(wireRate);
  }

  /** The realtime socket carries no digits. */
  sendDigits(): boolean {
    return false;
  }

  setDevice(kind: DeviceKind, id: string): Promise<void> {
    return this.audio.setDevice(kind, id);
  }

  /** Opening the channel is the start step; everything before it is the microphone or the audio device. */
  failed(error: unknown, step: MediaStep): void {
    const reason: AudioFailure = step === 'start' ? 'channel' : failureOf(error);
    const detail = ((error as Error | undefined)?.message ?? String(error)).slice(0, 300);
    this.context.showFailure(reason);
    void this.context.core.pcm.failed({ callId: this.context.callId, reason, detail });
    this.stop();
  }

  stop(): void {
    if (this.meterTimer) clearInterval(this.meterTimer);
    this.meterTimer = null;
    this.audio.stop();
  }
}
