import type { AppError, MediaStatsReport } from '../../../preload/contract';
import type { Clock, TimerHandle } from '../clock';
import { AppFailure, toAppError } from '../errors';
import type { Logger } from '../logging/logger';
import { statusKind, type PilotCall } from '../pilot/call-schema';
import type { PilotClient } from '../pilot/pilot-client';
import type { CallEffect, CallMachineEvent } from './call-machine';
import type { EventSink } from './call-service';
import { diagnoseMediaNotStarted } from './media-diagnosis';
import { outcomeOf } from './outcome';
import { withSetupActive } from './sdp';
import type { TrackedCall } from './tracked-call';

/** What the core keeps about a META call's media. */
export interface CallMedia {
  /** Our SDP as the renderer made it (an answer, or an offer with `actpass`). */
  localSdp: string | null;
  /** WhatsApp's SDP: the inbound offer, or the answer to our offer once seen. */
  remoteSdp: string | null;
  /** The pre-accept request in flight or done; accept waits for it so the two never cross. */
  preAccept: Promise<void> | null;
  muted: boolean;
  held: boolean;
  problem?: AppError;
  /** Inbound audio has been seen arriving. */
  flowing: boolean;
  lastStats: MediaStatsReport | null;
  quality: { reports: number; mosSum: number; minMos: number | null; maxRttMs: number; maxJitterMs: number; maxLossPercent: number };
  timers: TimerHandle[];
  audioTest: boolean;
}

export const newCallMedia = (audioTest = false): CallMedia => ({
  localSdp: null,
  remoteSdp: null,
  preAccept: null,
  muted: false,
  held: false,
  flowing: false,
  lastStats: null,
  quality: { reports: 0, mosSum: 0, minMos: null, maxRttMs: 0, maxJitterMs: 0, maxLossPercent: 0 },
  timers: [],
  audioTest,
});

export type MediaClient = Pick<PilotClient, 'getCall' | 'preAccept' | 'createCall'>;

export interface MetaMediaDeps {
  clock: Clock;
  logger: Logger;
  emit: EventSink;
  client: (call: TrackedCall) => MediaClient | undefined;
  dispatch: (call: TrackedCall, event: CallMachineEvent) => void;
  changed: (call: TrackedCall) => void;
  /** Pilot created our outbound call: the service learns its id. */
  created: (call: TrackedCall, created: { id: string; externalCallId?: string | null; status: string }) => void;
  /** Copies what Pilot now says about the call (times, status). */
  absorb: (call: TrackedCall, pilotCall: PilotCall) => void;
  preAcceptEnabled: () => boolean;
  /** How long the renderer may take to make our SDP. */
  describeTimeoutMs?: number;
  /** How long after connect missing media becomes a diagnosis. */
  mediaCheckMs?: number;
  /** Period of the look for WhatsApp's answer on an outbound call. */
  answerPollMs?: number;
}

/**
 * The core's half of the media protocol for META calls: it tells the
 * renderer when to make, apply, start, control and stop media, sends the
 * SDP the renderer made to Pilot (pre-accept, accept, create), looks for
 * WhatsApp's answer on outbound calls, and diagnoses media that does not
 * start before WhatsApp cuts the call.
 */
export class MetaMedia {
  constructor(private readonly deps: MetaMediaDeps) {}

  async run(call: TrackedCall, effect: CallEffect): Promise<void> {
    const media = call.media;
    if (!media) return;
    switch (effect.type) {
      case 'media.prepare':
        return this.prepare(call, media);
      case 'media.remote':
        if (media.remoteSdp) this.deps.emit('media.remote', { callId: call.id, sdp: media.remoteSdp });
        return;
      case 'media.start':
        this.deps.emit('media.start', { callId: call.id });
        this.deps.emit('media.control', { callId: call.id, muted: media.muted, held: media.held });
        this.later(media, this.deps.mediaCheckMs ?? 5000, () => this.checkStarted(call, media));
        return;
      case 'media.stop':
        return this.stop(call, media);
      case 'api.preAccept':
        media.preAccept = this.preAccept(call, media);
        return media.preAccept;
      case 'api.create':
        return this.create(call, media);
      case 'answer.watch':
        return this.watchAnswer(call, media);
      default:
        return;
    }
  }

  /** The SDP accept must carry: the very one pre-accept sent, once pre-accept is done. */
  async acceptSdp(call: TrackedCall): Promise<string | undefined> {
    if (!call.media) return undefined;
    await call.media.preAccept;
    return call.media.localSdp ?? undefined;
  }

  /** The renderer made our SDP. */
  described(call: TrackedCall, sdp: string): void {
    const media = call.media;
    if (!media || call.machine.sdp !== 'pending') {
      this.deps.logger.warn({ callId: call.id, sdp: call.machine.sdp }, 'media description not expected; ignored');
      return;
    }
    media.localSdp = sdp;
    this.deps.dispatch(call, { type: 'media.described', preAccept: this.deps.preAcceptEnabled() });
  }

  /** The renderer could not make or keep media (no microphone, bad SDP, window reloaded). */
  failed(call: TrackedCall, error: AppError): void {
    if (!call.media) return;
    this.deps.logger.warn({ callId: call.id, code: error.code, phase: call.machine.phase }, 'call media failed');
    if (call.machine.phase === 'connected') call.media.problem = error;
    else call.error = error;
    this.deps.dispatch(call, { type: 'media.failed' });
  }

  stats(call: TrackedCall, report: MediaStatsReport): void {
    const media = call.media;
    if (!media) return;
    media.lastStats = report;
    const q = media.quality;
    if (report.mos !== null) {
      q.reports += 1;
      q.mosSum += report.mos;
      q.minMos = q.minMos === null ? report.mos : Math.min(q.minMos, report.mos);
    }
    q.maxRttMs = Math.max(q.maxRttMs, report.rttMs ?? 0);
    q.maxJitterMs = Math.max(q.maxJitterMs, report.jitterMs ?? 0);
    q.maxLossPercent = Math.max(q.maxLossPercent, report.lossPercent ?? 0);
    if (report.audioFlowing && !media.flowing) {
      media.flowing = true;
      this.deps.logger.info({ callId: call.id }, 'call media flowing');
    }
    const wasProblem = media.problem?.code;
    if (media.flowing && media.problem?.code.startsWith('MEDIA_')) delete media.problem;
    else if (media.problem && !media.flowing) media.problem = diagnoseMediaNotStarted(report, this.sinceConnect(call));
    if (wasProblem !== media.problem?.code) this.deps.changed(call);
  }

  /** Mute and hold apply while the call is live (mute also while it rings out); the renderer is told. */
  control(call: TrackedCall, change: { muted?: boolean; held?: boolean }): void {
    const media = call.media;
    const phase = call.machine.phase;
    const live = phase === 'connected' || (change.held === undefined && (phase === 'dialing' || phase === 'ringing-out'));
    if (!media || !live) throw new AppFailure('CALL_STATE', `The call is ${phase}; that action no longer applies.`, { phase });
    if (change.muted !== undefined) media.muted = change.muted;
    if (change.held !== undefined) media.held = change.held;
    this.deps.emit('media.control', { callId: call.id, muted: media.muted, held: media.held });
    this.deps.changed(call);
  }

  /** The renderer heard the first audio after the agent clicked Answer: logged, for latency in the field and benchmarks. */
  firstAudio(call: TrackedCall | undefined, callId: string, clickedAt: number, heardAt: number): void {
    this.deps.logger.info(
      { callId, answerToAudioMs: Math.round((heardAt - clickedAt) * 10) / 10, preAccepted: Boolean(call?.media?.preAccept) },
      'first inbound audio',
    );
  }

  private async prepare(call: TrackedCall, media: CallMedia): Promise<void> {
    this.later(media, this.deps.describeTimeoutMs ?? 15_000, () => {
      if (call.machine.sdp === 'pending') this.failed(call, { code: 'MEDIA_UNAVAILABLE', message: 'The window did not prepare the call audio in time' });
    });
    if (call.direction === 'OUTBOUND') {
      this.deps.emit('media.prepare', { callId: call.id, role: 'offer' });
      return;
    }
    try {
      media.remoteSdp ??= (await this.deps.client(call)!.getCall(call.pilotId ?? call.id, { includeSdp: true })).sdpOffer ?? null;
    } catch (error) {
      this.failed(call, toAppError(error));
      return;
    }
    if (!media.remoteSdp) {
      this.failed(call, { code: 'SDP_OFFER_MISSING', message: 'Pilot Status sent the ringing call without its SDP offer' });
      return;
    }
    this.deps.emit('media.prepare', { callId: call.id, role: 'answer', remoteSdp: media.remoteSdp });
  }

  private async preAccept(call: TrackedCall, media: CallMedia): Promise<void> {
    const started = this.deps.clock.now();
    try {
      await this.deps.client(call)!.preAccept(call.pilotId ?? call.id, media.localSdp!);
      this.deps.logger.info({ callId: call.id, ms: Math.round(this.deps.clock.now() - started) }, 'call pre-accepted');
    } catch (error) {
      // Not fatal: accept still works without it, only the first words may be clipped.
      this.deps.logger.warn({ callId: call.id, code: toAppError(error).code }, 'pre-accept failed');
    }
  }

  private async create(call: TrackedCall, media: CallMedia): Promise<void> {
    try {
      const sdp = media.localSdp ? withSetupActive(media.localSdp) : undefined;
      const created = await this.deps.client(call)!.createCall(sdp ? { to: call.peerNumber, sdp, sdpType: 'offer' } : { to: call.peerNumber });
      this.deps.created(call, created);
      this.deps.dispatch(call, { type: 'api.created' });
    } catch (error) {
      call.error = toAppError(error);
      this.deps.logger.warn({ callId: call.id, code: call.error.code }, 'call could not be placed');
      this.deps.dispatch(call, { type: 'api.createFailed' });
    }
  }

  /** Looks for WhatsApp's answer (and the call's status) until both are known; the list poll alone carries no SDP. */
  private async watchAnswer(call: TrackedCall, media: CallMedia): Promise<void> {
    const phase = call.machine.phase;
    if (phase === 'ended' || phase === 'canceling' || phase === 'hanging-up' || (media.remoteSdp && phase === 'connected')) return;
    let delay = this.deps.answerPollMs ?? 250;
    try {
      const pilotCall = await this.deps.client(call)!.getCall(call.pilotId!, { includeSdp: true });
      this.deps.absorb(call, pilotCall);
      if (pilotCall.sdpAnswer && !media.remoteSdp) {
        media.remoteSdp = pilotCall.sdpAnswer;
        this.deps.dispatch(call, { type: 'remote.answer' });
      }
      const kind = statusKind(pilotCall);
      if (kind === 'connected') this.deps.dispatch(call, { type: 'remote.connected' });
      if (kind === 'ended') this.deps.dispatch(call, { type: 'remote.ended', outcome: outcomeOf(pilotCall) });
    } catch (error) {
      delay = 1000;
      this.deps.logger.warn({ callId: call.id, code: toAppError(error).code }, 'looking for the call answer failed');
    }
    this.later(media, delay, () => void this.watchAnswer(call, media));
  }

  private checkStarted(call: TrackedCall, media: CallMedia): void {
    if (media.flowing || call.machine.phase !== 'connected') return;
    media.problem = diagnoseMediaNotStarted(media.lastStats, this.sinceConnect(call));
    this.deps.logger.warn({ callId: call.id, code: media.problem.code, details: media.problem.details }, 'call media has not started');
    this.deps.changed(call);
  }

  private stop(call: TrackedCall, media: CallMedia): void {
    for (const timer of media.timers) this.deps.clock.clearTimeout(timer);
    media.timers = [];
    this.deps.emit('media.stop', { callId: call.id });
    const q = media.quality;
    if (q.reports > 0) {
      this.deps.logger.info(
        { callId: call.id, avgMos: Math.round((q.mosSum / q.reports) * 100) / 100, minMos: q.minMos, maxRttMs: q.maxRttMs, maxJitterMs: q.maxJitterMs, maxLossPercent: q.maxLossPercent },
        'call quality',
      );
    }
  }

  private sinceConnect(call: TrackedCall): number {
    return call.connectedAt === undefined ? 0 : this.deps.clock.now() - call.connectedAt;
  }

  private later(media: CallMedia, ms: number, run: () => void): void {
    const timer = this.deps.clock.setTimeout(run, ms);
    (timer as { unref?: () => void }).unref?.();
    media.timers.push(timer);
  }
}
