import { mediaChannelClose, type CommandRequest, type PcmAudioView, type RealtimeMode } from '../../../../preload/contract';
import type { Clock, TimerHandle } from '../../clock';
import type { Logger } from '../../logging/logger';
import type { PilotClient } from '../../pilot/pilot-client';
import { HopLedger } from './hop-ledger';
import { InboundFormat } from './inbound-format';
import { LatencyHistogram } from './latency-histogram';
import { PcmReframer } from './pcm-reframer';
import { RealtimeLink, type LinkState } from './realtime-link';

/** The renderer's end of a call's binary audio channel, as a host provides it. */
export interface RendererAudioPort {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** What the host feeds back from the renderer's end. */
export interface RendererAttachment {
  receive(frame: Uint8Array): void;
  detach(): void;
}

export interface WebMediaDeps {
  clock: Clock;
  logger: Logger;
  /** The Pilot client of the line a call is on (EVO_GO lines only). */
  client: (accountId: string) => Pick<PilotClient, 'realtimeSession'> | undefined;
  /** The wire-rate setting, read when a session starts. */
  sampleRate: () => number;
  /** Any call's audio changed (link state, rate, mute, hold); each call's driver also hears its own. */
  changed?: (callId: string) => void;
  /** How often the running totals are logged. */
  statsEveryMs?: number;
}

/** Outbound frames are always 20 ms (contract §6: "send in steady 20 ms frames"). */
export const outboundFrameMs = 20;
const headerBytes = 8;
/** Audio older than this in the socket's send buffer is dropped rather than delivered late. */
const maxBacklogMs = 200;

interface ActiveMedia {
  callId: string;
  accountId: string;
  mode: RealtimeMode;
  wireRate: number;
  link: RealtimeLink;
  linkState: LinkState;
  renderer: RendererAudioPort | null;
  reframer: PcmReframer;
  format: InboundFormat;
  micToSocket: LatencyHistogram;
  socketToSpeaker: LatencyHistogram;
  bufferDepth: LatencyHistogram;
  playback: { framesIn: number; framesOut: number; underruns: number; concealedMs: number; playedMs: number; outputLatencyMs?: number };
  /** Frames handed to the renderer, and frames it sent us, for exact loss counts per hop. */
  toRenderer: HopLedger;
  fromRenderer: HopLedger;
  delivery: { toRendererLost: number; fromRendererLost: number };
  ignoredFromRenderer: number;
  /** What the agent set: muted, the customer hears silence; held, silence both ways. */
  muted: boolean;
  held: boolean;
  statsTimer: TimerHandle | null;
  startedAt: number;
  /** Told when this call's audio changes. */
  onChange: () => void;
}

/** A call's realtime audio as the main side runs it, with what the agent set. */
export interface WebAudioView extends PcmAudioView {
  muted: boolean;
  held: boolean;
}

const frameBytes = (rate: number) => Math.round((rate * outboundFrameMs) / 1000) * 2;

/**
 * Runs the realtime audio of web-number calls on the main side: one
 * {@link RealtimeLink} per call (talk for the agent's own call, listen for
 * a supervisor), relayed to and from the renderer's binary channel. The
 * renderer only captures and plays; this side re-cuts its audio into steady
 * 20 ms frames, keeps the socket alive and measures each hop.
 */
export class WebMediaService {
  private readonly active = new Map<string, ActiveMedia>();

  constructor(private readonly deps: WebMediaDeps) {}

  view(callId: string): WebAudioView | undefined {
    const media = this.active.get(callId);
    const problem = media?.linkState === 'failing' ? media.link.problem : null;
    return (
      media && { mode: media.mode, wireRate: media.wireRate, link: media.linkState, reconnects: media.link.stats.gaps, muted: media.muted, held: media.held, ...(problem && { problem }) }
    );
  }

  has(callId: string): boolean {
    return this.active.has(callId);
  }

  /**
   * Starts a call's audio; `pilotCallId` is the id Pilot knows the call by (a dialed call has a local `callId`).
   * `onChange` hears every change of this call's audio until it stops (and the stop itself).
   */
  start(callId: string, accountId: string, mode: RealtimeMode, pilotCallId = callId, onChange: () => void = () => {}): boolean {
    if (this.active.has(callId)) return true;
    const client = this.deps.client(accountId);
    if (!client) return false;
    const logger = this.deps.logger.child({ callId });
    const wireRate = this.deps.sampleRate();
    const media: ActiveMedia = {
      callId,
      accountId,
      mode,
      wireRate,
      linkState: 'connecting',
      renderer: null,
      reframer: new PcmReframer(frameBytes(wireRate)),
      format: new InboundFormat(wireRate, logger, (rate) => this.adoptRate(media, rate)),
      micToSocket: new LatencyHistogram(),
      socketToSpeaker: new LatencyHistogram(),
      bufferDepth: new LatencyHistogram(),
      playback: { framesIn: 0, framesOut: 0, underruns: 0, concealedMs: 0, playedMs: 0 },
      toRenderer: new HopLedger(),
      fromRenderer: new HopLedger(),
      delivery: { toRendererLost: 0, fromRendererLost: 0 },
      ignoredFromRenderer: 0,
      muted: false,
      held: false,
      statsTimer: null,
      startedAt: this.deps.clock.now(),
      onChange,
      link: new RealtimeLink({
        callId: pilotCallId,
        mode,
        client,
        clock: this.deps.clock,
        logger: this.deps.logger,
        onAudio: (pcm, receivedAt) => this.inbound(media, pcm, receivedAt),
        onState: (state) => {
          media.linkState = state;
          if (state === 'reconnecting') media.format.restartMeasurement();
          if (this.active.get(callId) === media) this.changed(media);
        },
      }),
    };
    this.active.set(callId, media);
    this.deps.logger.info({ callId, mode, wireRate }, 'web audio starting');
    media.link.start();
    this.scheduleStats(media);
    return true;
  }

  stop(callId: string): void {
    const media = this.active.get(callId);
    if (!media) return;
    this.active.delete(callId);
    if (media.statsTimer) this.deps.clock.clearTimeout(media.statsTimer);
    media.link.stop();
    media.renderer?.close(1000, 'call audio ended');
    media.renderer = null;
    this.deps.logger.info(this.summary(media), 'web audio ended');
    this.changed(media);
  }

  /** A line was removed: its calls' audio stops. */
  stopLine(accountId: string): void {
    for (const media of [...this.active.values()]) if (media.accountId === accountId) this.stop(media.callId);
  }

  stopAll(): void {
    for (const callId of [...this.active.keys()]) this.stop(callId);
  }

  /** A renderer channel for `callId` opened; the newest one wins. Null when the call has no audio. */
  attachRenderer(callId: string, port: RendererAudioPort): RendererAttachment | null {
    const media = this.active.get(callId);
    if (!media) return null;
    media.renderer?.close(mediaChannelClose.replaced, 'replaced by a newer channel');
    media.renderer = port;
    this.deps.logger.info({ callId, mode: media.mode }, 'renderer audio channel attached');
    return {
      receive: (frame) => this.outbound(media, frame),
      detach: () => {
        if (media.renderer === port) media.renderer = null;
      },
    };
  }

  /**
   * Mute and hold of the agent's own call. The frames keep their steady
   * cadence and only their samples become silence, so Pilot Status sees no gap
   * in the stream and the renderer's jitter buffer no underrun; and the agent's
   * muted voice never leaves this side, whatever the renderer does. False when
   * the call has no talk audio (not connected yet, over, or listen mode).
   */
  control(callId: string, change: { muted?: boolean; held?: boolean }): boolean {
    const media = this.active.get(callId);
    if (!media || media.mode !== 'talk') return false;
    if (change.muted !== undefined) media.muted = change.muted;
    if (change.held !== undefined) media.held = change.held;
    this.deps.logger.info({ callId, muted: media.muted, held: media.held }, 'web call audio control');
    this.changed(media);
    return true;
  }

  /** The renderer's periodic report on playback. */
  stats(report: CommandRequest<'pcm.stats'>): void {
    const media = this.active.get(report.callId);
    if (!media) return;
    for (const ms of report.socketToSpeakerMs) media.socketToSpeaker.add(ms);
    for (const ms of report.bufferMs) media.bufferDepth.add(ms);
    const { framesIn, framesOut, underruns, concealedMs, playedMs, outputLatencyMs } = report;
    media.playback = { framesIn, framesOut, underruns, concealedMs, playedMs, outputLatencyMs };
    if (report.lastReceivedStamp !== undefined) media.delivery.toRendererLost = media.toRenderer.countUpTo(report.lastReceivedStamp) - framesIn;
    if (report.lastSentStamp !== undefined) media.delivery.fromRendererLost = framesOut - media.fromRenderer.countUpTo(report.lastSentStamp);
  }

  private inbound(media: ActiveMedia, pcm: Buffer, receivedAt: number): void {
    media.format.observe(pcm.length, receivedAt);
    const port = media.renderer;
    if (!port) return;
    const frame = Buffer.allocUnsafe(headerBytes + pcm.length);
    frame.writeDoubleLE(receivedAt, 0);
    if (media.held) frame.fill(0, headerBytes);
    else pcm.copy(frame, headerBytes);
    port.send(frame);
    media.toRenderer.record(receivedAt);
  }

  private outbound(media: ActiveMedia, data: Uint8Array): void {
    // Listen mode sends nothing, whatever the renderer does; so does a malformed frame.
    if (media.mode !== 'talk' || data.byteLength <= headerBytes || (data.byteLength - headerBytes) % 2 !== 0) {
      media.ignoredFromRenderer++;
      return;
    }
    const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const stamp = buffer.readDoubleLE(0);
    media.fromRenderer.record(stamp);
    const maxBuffered = (media.wireRate * 2 * maxBacklogMs) / 1000;
    const silent = media.muted || media.held;
    for (const { frame, stamp: first } of media.reframer.push(buffer.subarray(headerBytes), stamp)) {
      // Each frame is the reframer's own copy, so silencing it touches nothing else.
      if (silent) frame.fill(0);
      if (media.link.send(frame, maxBuffered)) media.micToSocket.add(this.deps.clock.now() - first);
    }
  }

  private adoptRate(media: ActiveMedia, rate: number): void {
    media.wireRate = rate;
    media.reframer.reset(frameBytes(rate));
    this.changed(media);
  }

  private changed(media: ActiveMedia): void {
    media.onChange();
    this.deps.changed?.(media.callId);
  }

  private scheduleStats(media: ActiveMedia): void {
    media.statsTimer = this.deps.clock.setTimeout(() => {
      if (this.active.get(media.callId) !== media) return;
      this.deps.logger.info(this.summary(media), 'web audio stats');
      this.scheduleStats(media);
    }, this.deps.statsEveryMs ?? 5000);
    (media.statsTimer as { unref?: () => void }).unref?.();
  }

  private summary(media: ActiveMedia) {
    return {
      callId: media.callId,
      mode: media.mode,
      wireRate: media.wireRate,
      seconds: Math.round((this.deps.clock.now() - media.startedAt) / 100) / 10,
      link: media.link.stats,
      playback: media.playback,
      delivery: { ...media.delivery, toRenderer: media.toRenderer.total, fromRenderer: media.fromRenderer.total },
      ignoredFromRenderer: media.ignoredFromRenderer,
      micToSocketMs: media.micToSocket.summary(),
      socketToSpeakerMs: media.socketToSpeaker.summary(),
      jitterBufferMs: media.bufferDepth.summary(),
    };
  }
}
