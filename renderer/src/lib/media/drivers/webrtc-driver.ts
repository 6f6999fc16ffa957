import type { MediaPrepare } from '../../../../../preload/contract';
import type { DeviceKind } from '../devices.svelte';
import { MediaError } from '../media-error';
import { MetaCallSession } from '../meta-call-session';
import { estimateMos, qualityWarnings } from '../quality';
import type { CallMediaDriver, DriverContext, MediaStep, WebRtcQualityReading } from './call-media-driver';

export type WebRtcPrepare = Extract<MediaPrepare, { kind: 'webrtc' }>;

const statsEveryMs = 1000;
const meterEveryMs = 100;
const noQualityYet: WebRtcQualityReading = { kind: 'webrtc', rttMs: null, jitterMs: null, lossPercent: null, mos: null, warnings: [], ice: 'new' };

/**
 * A call whose media is a WebRTC peer in this window (Meta numbers): makes
 * the SDP the core sends WhatsApp, applies the answer, sends RFC 4733 digits,
 * meters the microphone and reports `media.stats` to the core and quality to
 * the view, and the first audio heard after the agent clicked Answer.
 */
export class WebRtcDriver implements CallMediaDriver {
  private session: MetaCallSession | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];
  private controls = { muted: false, held: false };
  private stopped = false;

  constructor(
    private readonly request: WebRtcPrepare,
    private readonly context: DriverContext,
  ) {}

  async prepare(): Promise<string> {
    const { devices } = this.context;
    const session = new MetaCallSession(this.context.callId, devices.inputId, devices.outputId);
    this.session = session;
    session.control(this.controls.muted, this.controls.held);
    return this.request.role === 'offer' ? session.prepareOffer() : session.prepareAnswer(this.request.remoteSdp ?? '');
  }

  async remote(sdp: string): Promise<void> {
    await this.session?.applyAnswer(sdp);
  }

  async start(): Promise<void> {
    const session = this.session;
    if (!session || this.stopped) return;
    session.start();
    this.context.show({ inputLevel: 0, quality: { ...noQualityYet } });
    const clickedAt = this.context.answerClickedAt();
    if (clickedAt !== undefined) {
      void session.firstAudio().then((heardAt) => {
        if (heardAt !== null) void this.context.core.diagnostics.firstAudio({ callId: this.context.callId, clickedAt, heardAt });
      });
    }
    this.timers = [
      setInterval(() => this.context.show({ inputLevel: session.inputLevel() }), meterEveryMs),
      setInterval(() => void this.report(session), statsEveryMs),
    ];
  }

  control(muted: boolean, held: boolean): void {
    this.controls = { muted, held };
    this.session?.control(muted, held);
  }

  /** A WebRTC codec negotiates its own rate. */
  format(): void {}

  sendDigits(digits: string): boolean {
    return this.session?.sendDtmf(digits) ?? false;
  }

  async setDevice(kind: DeviceKind, id: string): Promise<void> {
    if (!this.session) return;
    await (kind === 'input' ? this.session.setInput(id) : this.session.setOutput(id));
  }

  failed(error: unknown, _step: MediaStep): void {
    const code = error instanceof MediaError ? error.code : 'MEDIA_SDP_FAILED';
    const message = (error as Error | undefined)?.message?.slice(0, 500) ?? String(error);
    void this.context.core.media.failed({ callId: this.context.callId, code, message });
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.session?.stop();
  }

  private async report(session: MetaCallSession): Promise<void> {
    const snapshot = await session.snapshot().catch(() => null);
    if (!snapshot || this.stopped) return;
    const mos = estimateMos(snapshot);
    const { rttMs, jitterMs, lossPercent, ice, dtls } = snapshot;
    this.context.show({ quality: { kind: 'webrtc', rttMs, jitterMs, lossPercent, mos, warnings: qualityWarnings(snapshot, mos), ice } });
    await this.context.core.media.stats({ callId: this.context.callId, ice, dtls, audioFlowing: snapshot.newPackets > 0, rttMs, jitterMs, lossPercent, mos });
  }
}
