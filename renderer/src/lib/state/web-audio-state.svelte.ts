import type { CallView, PilotApi } from '../../../../preload/contract';
import type { Bridge } from '../bridge';
import type { DeviceState } from '../media/devices.svelte';
import { PcmCallAudio, type AudioFailure } from '../media/pcm-call-audio';

/**
 * Runs the renderer's audio for every web-number call whose media the main
 * side has started (talk or listen), and stops it when the media goes away.
 * Keeps the last audio failure per call for the card to explain.
 */
export class WebAudioState {
  failures = $state<Record<string, AudioFailure>>({});
  // Engine objects, not view state: nothing renders from this map.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly running = new Map<string, PcmCallAudio>();

  constructor(
    private readonly api: PilotApi,
    private readonly bridge: Pick<Bridge, 'openMediaChannel'>,
    private readonly devices: DeviceState,
  ) {
    devices.onChoice(async (kind, id) => {
      await Promise.all([...this.running.values()].map((audio) => audio.setDevice(kind, id)));
    });
  }

  /** Brings the running audio in line with the calls on screen. */
  sync(calls: readonly CallView[]): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
    const wanted = new Map(calls.filter((c) => c.pcm && c.pcm.link !== 'ended').map((c) => [c.id, c.pcm!]));
    for (const [callId, audio] of this.running) {
      if (wanted.has(callId)) continue;
      audio.stop();
      this.running.delete(callId);
    }
    for (const [callId, media] of wanted) {
      const existing = this.running.get(callId);
      if (existing) {
        existing.update(media);
        continue;
      }
      delete this.failures[callId];
      const audio = new PcmCallAudio(callId, media, {
        devices: this.devices,
        openChannel: (id) => this.bridge.openMediaChannel(id),
        report: (stats) => void this.api.pcm.stats(stats),
        failed: (reason, detail) => {
          this.failures[callId] = reason;
          void this.api.pcm.failed({ callId, reason, detail: detail.slice(0, 300) });
        },
      });
      this.running.set(callId, audio);
      void this.begin(audio);
    }
  }

  private async begin(audio: PcmCallAudio): Promise<void> {
    // The remembered device choice needs the device list; their names come only once a microphone is open.
    if (!this.devices.inputs.length) await this.devices.refresh().catch(() => undefined);
    await audio.start();
    await this.devices.refresh().catch(() => undefined);
  }
}
