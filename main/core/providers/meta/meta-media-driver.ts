import type { AppError, CallMediaView, MediaStatsReport } from '../../../../preload/contract';
import type { CallMediaDriver, CallMediaHooks, SdpNegotiation } from '../../calls/media-driver';
import type { TrackedCall } from '../../calls/tracked-call';
import type { Clock, TimerHandle } from '../../clock';
import { AppFailure, toAppError } from '../../errors';
import type { Logger } from '../../logging/logger';
import { outcomeOf } from '../../pilot/call-outcome';
import { statusKind } from '../../pilot/call-schema';
import type { CallClient, EventSink } from '../../ports';
import { diagnoseMediaNotStarted } from './media-diagnosis';
import { CallQuality } from './call-quality';
import { withSetupActive } from './sdp';

export interface MetaMediaDeps {
  clock: Clock;
  logger: Logger;
  emit: EventSink;
  /** The Pilot client of the call's line; undefined once the line was removed. */
  client: () => Pick<CallClient, 'getCall' | 'preAccept'> | undefined;
  preAcceptEnabled: () => boolean;
  /** How long the renderer may take to make our SDP. */
  describeTimeoutMs?: number;
  /** How long after connect missing media becomes a diagnosis. */
  mediaCheckMs?: number;
  /** Period of the look for WhatsApp's answer on an outbound call. */
  answerPollMs?: number;
}

/**
 * The media driver of a Meta number's call: WebRTC made by the window, SDP
 * relayed through Pilot Status. It tells the window when to make, apply,
 * start, control and stop media, keeps the SDP pre-accept and accept must
 * carry, looks for WhatsApp's answer on outbound calls, and diagnoses media
 * that does not start before WhatsApp cuts the call.
 */
export class MetaMediaDriver implements CallMediaDriver, SdpNegotiation {
  readonly sdp: SdpNegotiation = this;
  readonly active = false;
  /** Our SDP as the renderer made it (an answer, or an offer with `actpass`). */
  private localSdp: string | null = null;
  /** WhatsApp's SDP: the inbound offer, or the answer to our offer once seen. */
  private remoteSdp: string | null = null;
  /** The pre-accept request in flight or done; accept waits for it so the two never cross. */
  private preAccepted: Promise<void> | null = null;
  private muted = false;
  private held = false;
  private problem: AppError | undefined;
  /** Inbound audio has been seen arriving. */
  private flowing = false;
  private lastStats: MediaStatsReport | null = null;
  private readonly quality = new CallQuality();
  private timers: TimerHandle[] = [];
  private stopped = false;

  constructor(
    private readonly call: Readonly<TrackedCall>,
    private readonly hooks: CallMediaHooks,
    private readonly deps: MetaMediaDeps,
    private readonly audioTest = false,
  ) {}

  view(): CallMediaView {
    const view: CallMediaView = { kind: 'webrtc', muted: this.muted, held: this.held, agentAudio: true, digits: true };
    if (this.problem) view.problem = this.problem;
    if (this.audioTest) view.audioTest = true;
    return view;
  }

  async prepare(): Promise<void> {
    const { call } = this;
    this.later(this.deps.describeTimeoutMs ?? 15_000, () => {
      if (call.machine.sdp === 'pending') this.failed({ code: 'MEDIA_UNAVAILABLE', message: 'The window did not prepare the call audio in time' });
    });
    if (call.direction === 'OUTBOUND') {
      this.deps.emit('media.prepare', { callId: call.id, kind: 'webrtc', role: 'offer' });
      return;
    }
    try {
      this.remoteSdp ??= (await this.deps.client()!.getCall(call.pilotId ?? call.id, { includeSdp: true })).sdpOffer ?? null;
    } catch (error) {
      this.failed(toAppError(error));
      return;
    }
    if (!this.remoteSdp) {
      this.failed({ code: 'SDP_OFFER_MISSING', message: 'Pilot Status sent the ringing call without its SDP offer' });
      return;
    }
    this.deps.emit('media.prepare', { callId: call.id, kind: 'webrtc', role: 'answer', remoteSdp: this.remoteSdp });
  }

  start(): void {
    const callId = this.call.id;
    this.deps.emit('media.start', { callId });
    this.deps.emit('media.control', { callId, muted: this.muted, held: this.held });
    this.later(this.deps.mediaCheckMs ?? 5000, () => this.checkStarted());
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) this.deps.clock.clearTimeout(timer);
    this.timers = [];
    this.deps.emit('media.stop', { callId: this.call.id });
    const summary = this.quality.summary();
    if (summary) this.deps.logger.info({ callId: this.call.id, ...summary }, 'call quality');
  }

  /** Mute and hold apply while the call is live (mute also while it rings out); the window is told. */
  control(change: { muted?: boolean; held?: boolean }): void {
    const phase = this.call.machine.phase;
    const live = phase === 'connected' || (change.held === undefined && (phase === 'dialing' || phase === 'ringing-out'));
    if (!live) throw new AppFailure('CALL_STATE', `The call is ${phase}; that action no longer applies.`, { phase });
    if (change.muted !== undefined) this.muted = change.muted;
    if (change.held !== undefined) this.held = change.held;
    this.deps.emit('media.control', { callId: this.call.id, muted: this.muted, held: this.held });
    this.hooks.changed();
  }

  /** The renderer could not make or keep media (no microphone, bad SDP, window reloaded). */
  failed(error: AppError): void {
    const { call } = this;
    this.deps.logger.warn({ callId: call.id, code: error.code, phase: call.machine.phase }, 'call media failed');
    if (call.machine.phase === 'connected') this.problem = error;
    else (call as TrackedCall).error = error;
    this.hooks.dispatch({ type: 'media.failed' });
  }

  stats(report: MediaStatsReport): void {
    this.lastStats = report;
    this.quality.add(report);
    if (report.audioFlowing && !this.flowing) {
      this.flowing = true;
      this.deps.logger.info({ callId: this.call.id }, 'call media flowing');
    }
    const wasProblem = this.problem?.code;
    if (this.flowing && this.problem?.code.startsWith('MEDIA_')) this.problem = undefined;
    else if (this.problem && !this.flowing) this.problem = diagnoseMediaNotStarted(report, this.sinceConnect());
    if (wasProblem !== this.problem?.code) this.hooks.changed();
  }

  firstAudio(clickedAt: number, heardAt: number): void {
    this.deps.logger.info(
      { callId: this.call.id, answerToAudioMs: Math.round((heardAt - clickedAt) * 10) / 10, preAccepted: this.preAccepted !== null },
      'first inbound audio',
    );
  }

  // ---------------------------------------------------------------- SDP negotiation

  described(sdp: string): void {
    if (this.call.machine.sdp !== 'pending') {
      this.deps.logger.warn({ callId: this.call.id, sdp: this.call.machine.sdp }, 'media description not expected; ignored');
      return;
    }
    this.localSdp = sdp;
    this.hooks.dispatch({ type: 'media.described', preAccept: this.deps.preAcceptEnabled() });
  }

  offer(): { sdp: string; sdpType: 'offer' } | undefined {
    return this.localSdp ? { sdp: withSetupActive(this.localSdp), sdpType: 'offer' } : undefined;
  }

  async answer(): Promise<string | undefined> {
    await this.preAccepted;
    return this.localSdp ?? undefined;
  }

  preAccept(): Promise<void> {
    this.preAccepted = this.sendPreAccept();
    return this.preAccepted;
  }

  applyRemote(): void {
    if (this.remoteSdp) this.deps.emit('media.remote', { callId: this.call.id, sdp: this.remoteSdp });
  }

  /** Looks for WhatsApp's answer (and the call's status) until both are known; the list poll alone carries no SDP. */
  async watchAnswer(): Promise<void> {
    const { call } = this;
    const phase = call.machine.phase;
    if (phase === 'ended' || phase === 'canceling' || phase === 'hanging-up' || (this.remoteSdp && phase === 'connected')) return;
    let delay = this.deps.answerPollMs ?? 250;
    try {
      const pilotCall = await this.deps.client()!.getCall(call.pilotId!, { includeSdp: true });
      this.hooks.absorb(pilotCall);
      if (pilotCall.sdpAnswer && !this.remoteSdp) {
        this.remoteSdp = pilotCall.sdpAnswer;
        this.hooks.dispatch({ type: 'remote.answer' });
      }
      const kind = statusKind(pilotCall);
      if (kind === 'connected') this.hooks.dispatch({ type: 'remote.connected' });
      if (kind === 'ended') this.hooks.dispatch({ type: 'remote.ended', outcome: outcomeOf(pilotCall) });
    } catch (error) {
      delay = 1000;
      this.deps.logger.warn({ callId: call.id, code: toAppError(error).code }, 'looking for the call answer failed');
    }
    this.later(delay, () => void this.watchAnswer());
  }

  private async sendPreAccept(): Promise<void> {
    const started = this.deps.clock.now();
    try {
      await this.deps.client()!.preAccept(this.call.pilotId ?? this.call.id, this.localSdp!);
      this.deps.logger.info({ callId: this.call.id, ms: Math.round(this.deps.clock.now() - started) }, 'call pre-accepted');
    } catch (error) {
      // Not fatal: accept still works without it, only the first words may be clipped.
      this.deps.logger.warn({ callId: this.call.id, code: toAppError(error).code }, 'pre-accept failed');
    }
  }

  private checkStarted(): void {
    if (this.flowing || this.call.machine.phase !== 'connected') return;
    this.problem = diagnoseMediaNotStarted(this.lastStats, this.sinceConnect());
    this.deps.logger.warn({ callId: this.call.id, code: this.problem.code, details: this.problem.details }, 'call media has not started');
    this.hooks.changed();
  }

  private sinceConnect(): number {
    return this.call.connectedAt === undefined ? 0 : this.deps.clock.now() - this.call.connectedAt;
  }

  private later(ms: number, run: () => void): void {
    if (this.stopped) return;
    const timer = this.deps.clock.setTimeout(run, ms);
    (timer as { unref?: () => void }).unref?.();
    this.timers.push(timer);
  }
}
