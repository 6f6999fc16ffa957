import type { CallView, PilotApi } from '../../../../preload/contract';
import type { DeviceState } from './devices.svelte';
import { MediaError } from './media-error';
import { MetaCallSession } from './meta-call-session';
import { estimateMos, qualityWarnings, type QualityWarning } from './quality';

/** What the in-call controls show about one call's media. */
export interface CallMediaState {
  inputLevel: number;
  rttMs: number | null;
  jitterMs: number | null;
  lossPercent: number | null;
  mos: number | null;
  warnings: QualityWarning[];
  ice: string;
}

const statsEveryMs = 1000;
const meterEveryMs = 100;

/**
 * Carries out the media protocol for META calls: makes a session when the
 * core says `media.prepare`, hands back its SDP, applies WhatsApp's answer,
 * starts, controls and stops it, and reports quality to the core and to the
 * view. Keeps no call state of its own beyond the sessions.
 */
export class MediaController {
  readonly states = $state<Record<string, CallMediaState>>({});
  // Bookkeeping only: nothing renders from these, so they need not be reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly sessions = new Map<string, MetaCallSession>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly timers = new Map<string, ReturnType<typeof setInterval>[]>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly answerClicks = new Map<string, number>();

  constructor(
    private readonly api: PilotApi,
    private readonly devices: DeviceState,
  ) {
    api.on('media.prepare', ({ callId, role, remoteSdp }) => void this.prepare(callId, role, remoteSdp));
    api.on('media.remote', ({ callId, sdp }) => void this.run(callId, (s) => s.applyAnswer(sdp)));
    api.on('media.start', ({ callId }) => this.start(callId));
    api.on('media.control', ({ callId, muted, held }) => this.sessions.get(callId)?.control(muted, held));
    api.on('media.stop', ({ callId }) => this.stop(callId));
    devices.onChoice(async (kind, id) => {
      await Promise.all([...this.sessions.values()].map((s) => (kind === 'input' ? s.setInput(id) : s.setOutput(id))));
    });
  }

  /** The agent clicked Answer: the first audio heard after it is reported (answer-to-audio latency). */
  answerClicked(callId: string): void {
    this.answerClicks.set(callId, performance.timeOrigin + performance.now());
  }

  sendDtmf(callId: string, digits: string): boolean {
    return this.sessions.get(callId)?.sendDtmf(digits) ?? false;
  }

  /** After the window reconnects: a live META call whose media this window no longer has is reported lost. */
  reconcile(calls: CallView[]): void {
    for (const call of calls) {
      if (call.provider === 'META' && call.phase === 'connected' && !this.sessions.has(call.id)) {
        void this.api.media.failed({ callId: call.id, code: 'MEDIA_LOST', message: 'The window was reloaded and lost the call audio' });
      }
    }
  }

  private async prepare(callId: string, role: 'offer' | 'answer', remoteSdp?: string): Promise<void> {
    this.sessions.get(callId)?.stop();
    if (!this.devices.inputs.length) await this.devices.refresh().catch(() => undefined);
    const session = new MetaCallSession(callId, this.devices.inputId, this.devices.outputId);
    this.sessions.set(callId, session);
    try {
      const sdp = role === 'offer' ? await session.prepareOffer() : await session.prepareAnswer(remoteSdp ?? '');
      // Device labels are only known once the microphone was granted.
      void this.devices.refresh().catch(() => undefined);
      await this.api.media.described({ callId, sdp });
    } catch (error) {
      this.fail(callId, error);
    }
  }

  private start(callId: string): void {
    const session = this.sessions.get(callId);
    if (!session) return;
    session.start();
    this.states[callId] = { inputLevel: 0, rttMs: null, jitterMs: null, lossPercent: null, mos: null, warnings: [], ice: 'new' };
    const clickedAt = this.answerClicks.get(callId);
    if (clickedAt !== undefined) {
      void session.firstAudio().then((heardAt) => {
        if (heardAt !== null) void this.api.diagnostics.firstAudio({ callId, clickedAt, heardAt });
      });
    }
    this.timers.set(callId, [
      setInterval(() => {
        const state = this.states[callId];
        if (state) state.inputLevel = session.inputLevel();
      }, meterEveryMs),
      setInterval(() => void this.report(callId, session), statsEveryMs),
    ]);
  }

  private async report(callId: string, session: MetaCallSession): Promise<void> {
    const snapshot = await session.snapshot().catch(() => null);
    const state = this.states[callId];
    if (!snapshot || !state) return;
    const mos = estimateMos(snapshot);
    Object.assign(state, { rttMs: snapshot.rttMs, jitterMs: snapshot.jitterMs, lossPercent: snapshot.lossPercent, mos, warnings: qualityWarnings(snapshot, mos), ice: snapshot.ice });
    await this.api.media.stats({
      callId,
      ice: snapshot.ice,
      dtls: snapshot.dtls,
      audioFlowing: snapshot.newPackets > 0,
      rttMs: snapshot.rttMs,
      jitterMs: snapshot.jitterMs,
      lossPercent: snapshot.lossPercent,
      mos,
    });
  }

  private stop(callId: string): void {
    for (const timer of this.timers.get(callId) ?? []) clearInterval(timer);
    this.timers.delete(callId);
    this.sessions.get(callId)?.stop();
    this.sessions.delete(callId);
    this.answerClicks.delete(callId);
    delete this.states[callId];
  }

  private async run(callId: string, action: (session: MetaCallSession) => Promise<void>): Promise<void> {
    const session = this.sessions.get(callId);
    if (!session) return;
    try {
      await action(session);
    } catch (error) {
      this.fail(callId, error);
    }
  }

  private fail(callId: string, error: unknown): void {
    const code = error instanceof MediaError ? error.code : 'MEDIA_SDP_FAILED';
    void this.api.media.failed({ callId, code, message: (error as Error).message?.slice(0, 500) ?? String(error) });
  }
}
