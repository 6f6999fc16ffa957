import type { CallMediaView, RealtimeMode } from '../../../../preload/contract';
import type { CallMediaDriver, CallMediaHooks, ListenIn } from '../../calls/media-driver';
import type { TrackedCall } from '../../calls/tracked-call';
import { AppFailure } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { EventSink } from '../../ports';
import type { WebMediaService } from './web-media-service';

export interface WebMediaDriverDeps {
  media: WebMediaService;
  emit: EventSink;
  logger: Logger;
}

/**
 * The media driver of a web number's call: realtime PCM16 run on the main
 * side (`WebMediaService`), captured and played by the window over the call's
 * binary channel. It tells the window through the same media events as a
 * WebRTC call: prepare (the mode and wire rate), start, control, format, stop.
 * A supervisor's listen session is the same audio in listen mode.
 */
export class WebMediaDriver implements CallMediaDriver {
  readonly listenIn: ListenIn;
  /** The wire rate the window was last told. */
  private toldRate: number | null = null;

  constructor(
    private readonly call: Readonly<TrackedCall>,
    private readonly hooks: CallMediaHooks,
    private readonly deps: WebMediaDriverDeps,
  ) {
    const media = deps.media;
    this.listenIn = {
      start: () => this.begin('listen'),
      stop: () => this.stop(),
      get listening() {
        return media.view(call.id)?.mode === 'listen';
      },
    };
  }

  get active(): boolean {
    return this.deps.media.has(this.call.id);
  }

  view(): CallMediaView {
    const audio = this.deps.media.view(this.call.id);
    const view: CallMediaView = { kind: 'pcm', muted: audio?.muted ?? false, held: audio?.held ?? false, agentAudio: audio?.mode === 'talk', digits: false };
    if (audio) view.pcm = { mode: audio.mode, wireRate: audio.wireRate, link: audio.link, reconnects: audio.reconnects, ...(audio.problem && { problem: audio.problem }) };
    return view;
  }

  /** Nothing to make before the call connects: no SDP on web numbers. */
  async prepare(): Promise<void> {}

  start(): void {
    this.begin('talk');
  }

  stop(): void {
    if (!this.active) return;
    this.deps.media.stop(this.call.id);
    this.toldRate = null;
    this.deps.emit('media.stop', { callId: this.call.id });
  }

  /** Mute and hold of the agent's own call, while its audio runs (the frames keep their cadence, their samples go silent). */
  control(change: { muted?: boolean; held?: boolean }): void {
    if (!this.deps.media.control(this.call.id, change)) {
      const phase = this.call.machine.phase;
      throw new AppFailure('CALL_STATE', `The call is ${phase}; that action no longer applies.`, { phase });
    }
    const { muted, held } = this.view();
    this.deps.emit('media.control', { callId: this.call.id, muted, held });
  }

  /** Web-number audio reports its failures through `pcm.failed`; a WebRTC report here is logged and ignored. */
  failed(): void {
    this.deps.logger.warn({ callId: this.call.id }, 'media failure reported for a web-number call; ignored');
  }

  stats(): void {}

  firstAudio(): void {}

  /** Runs the call's audio in a mode (talk: the agent's own call; listen: a supervisor, receive only). */
  private begin(mode: RealtimeMode): boolean {
    const { call } = this;
    if (this.active) return true;
    if (!this.deps.media.start(call.id, call.accountId, mode, call.pilotId ?? call.id, () => this.audioChanged())) return false;
    const audio = this.deps.media.view(call.id)!;
    this.toldRate = audio.wireRate;
    this.deps.emit('media.prepare', { callId: call.id, kind: 'pcm', mode, wireRate: audio.wireRate });
    this.deps.emit('media.start', { callId: call.id });
    this.hooks.changed();
    return true;
  }

  private audioChanged(): void {
    const rate = this.deps.media.view(this.call.id)?.wireRate;
    if (rate !== undefined && this.toldRate !== null && rate !== this.toldRate) {
      this.toldRate = rate;
      this.deps.emit('media.format', { callId: this.call.id, wireRate: rate });
    }
    this.hooks.changed();
  }
}
