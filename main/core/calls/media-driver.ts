import type { AppError, CallMediaView, MediaStatsReport } from '../../../preload/contract';
import type { PilotCall } from '../pilot/call-schema';
import type { CallMachineEvent } from './call-machine';

/**
 * A call's media as the core drives it, one implementation per number type
 * (SIP.js's SessionDescriptionHandler): WebRTC made in the window for Meta
 * numbers, realtime PCM16 run on the main side for web numbers. The call
 * service picks one when a call is created and never asks which it has; it
 * tells the driver when to prepare, start and stop, and asks what to send.
 */
export interface CallMediaDriver {
  /** Ready the call's media (WebRTC: ask the window for our SDP). */
  prepare(): Promise<void>;
  /** The call is accepted: media may flow. */
  start(): void;
  /** The call is over here: media stops (once, however often asked). */
  stop(): void;
  /**
   * Mute and hold, whose one owner the driver is. Throws `CALL_STATE` when
   * they do not apply now (no media yet, listen-only, the call is over).
   */
  control(change: { muted?: boolean; held?: boolean }): void;
  /** The window could not make or keep media (no microphone, bad SDP, reloaded). */
  failed(error: AppError): void;
  /** The window's periodic report on WebRTC media; drivers without one ignore it. */
  stats(report: MediaStatsReport): void;
  /** The first audio heard after the agent clicked Answer, for latency in the log. */
  firstAudio(clickedAt: number, heardAt: number): void;
  /** What the window shows of the media. */
  view(): CallMediaView;
  /** Media still runs (a supervisor listening in), so the call stays listed. */
  readonly active: boolean;
  /** Present when our side negotiates SDP (WebRTC): the call machine waits for it. */
  readonly sdp?: SdpNegotiation;
  /** Present when a supervisor can listen in on the call once another agent took it. */
  readonly listenIn?: ListenIn;
}

/** The SDP half of a WebRTC driver: what pre-accept, accept and `POST /v1/calls` carry, and WhatsApp's answer. */
export interface SdpNegotiation {
  /** The window made our SDP. */
  described(sdp: string): void;
  /** What `POST /v1/calls` sends with the number: our offer as Pilot Status must receive it. */
  offer(): { sdp: string; sdpType: 'offer' } | undefined;
  /** The SDP accept must carry: the very one pre-accept sent, once pre-accept is done. */
  answer(): Promise<string | undefined>;
  preAccept(): Promise<void>;
  /** Hands WhatsApp's answer to the window. */
  applyRemote(): void;
  /** Looks for WhatsApp's answer (and the call's status) until both are known. */
  watchAnswer(): Promise<void>;
}

/** Listening in on a call another agent is on. */
export interface ListenIn {
  /** False when the line is gone. */
  start(): boolean;
  stop(): void;
  readonly listening: boolean;
}

/** What a driver may tell the call service about its call. */
export interface CallMediaHooks {
  dispatch(event: CallMachineEvent): void;
  /** The media's view changed: the window is told. */
  changed(): void;
  /** What Pilot now says about the call. */
  absorb(pilotCall: PilotCall): void;
}

