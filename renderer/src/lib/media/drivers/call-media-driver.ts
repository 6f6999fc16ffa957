import type { CommandRequest, PilotApi } from '../../../../../preload/contract';
import type { MediaChannel } from '../../media-channel';
import type { DeviceKind } from '../devices.svelte';
import type { PcmQualityReading } from '../pcm-quality';
import type { QualityWarning } from '../quality';

/** Why a call's audio could not start in this window, as the card explains it. */
export type AudioFailure = CommandRequest<'pcm.failed'>['reason'];

/** The step of the media protocol that failed, so a driver can say what went wrong in its own terms. */
export type MediaStep = 'prepare' | 'remote' | 'start';

/** A WebRTC call's quality: the network path as the peer connection measures it. */
export interface WebRtcQualityReading {
  kind: 'webrtc';
  rttMs: number | null;
  jitterMs: number | null;
  lossPercent: number | null;
  mos: number | null;
  warnings: QualityWarning[];
  ice: string;
}

/** A call's quality as the view shows it, in the terms of the call's driver (the one that measured it). */
export type QualityReading = WebRtcQualityReading | PcmQualityReading;

/** What the in-call view shows of a call's media; null where the call's driver offers no such reading. */
export interface MediaReadings {
  /** Loudness of the agent's microphone, 0–1. */
  inputLevel: number | null;
  quality: QualityReading | null;
}

/** The commands a driver reports on (stats, failures, first audio); the rest of the contract is not its business. */
export type MediaCore = Pick<PilotApi, 'media' | 'pcm' | 'diagnostics'>;

/** The microphone and speaker the agent chose (null: the system's default). */
export interface ChosenDevices {
  readonly inputId: string | null;
  readonly outputId: string | null;
}

/** What the window offers every driver. */
export interface MediaServices {
  core: MediaCore;
  devices: ChosenDevices;
  /** The binary audio channel of a call (web numbers). */
  openChannel(callId: string): Promise<MediaChannel>;
}

/** One call's driver's way back to the media controller. */
export interface DriverContext extends MediaServices {
  readonly callId: string;
  /** New readings for the view (merged into what it shows). */
  show(readings: Partial<MediaReadings>): void;
  /** The audio could not start in this window: the card says why. */
  showFailure(reason: AudioFailure): void;
  /** When the agent clicked Answer on this call, if it was in this window (answer-to-audio latency). */
  answerClickedAt(): number | undefined;
  /** A newer window took the call's media over: this window lets go of it for good. */
  handedOver(): void;
}

/**
 * A call's media in the window, one per call, picked once on `media.prepare`
 * by the call's media kind. It carries out the media protocol and decides
 * nothing about the call: the core says when to prepare, start, control and
 * stop. A step a driver has no use for (an SDP answer for PCM audio, a wire
 * rate for WebRTC) is accepted and ignored, so the controller never asks
 * which kind it holds.
 */
export interface CallMediaDriver {
  /** Readies capture and playback; resolves with the local description the core waits for (WebRTC SDP), or null. */
  prepare(): Promise<string | null>;
  /** The far end's answer to our offer (WebRTC). */
  remote(sdp: string): Promise<void>;
  /** Media may flow: play what arrives, send the microphone. */
  start(): Promise<void>;
  /** What the agent set, as the core holds it: muted sends silence; held, silence both ways. */
  control(muted: boolean, held: boolean): void;
  /** The wire rate the far end speaks changed (PCM). */
  format(wireRate: number): void;
  /** Keypad digits into the call; false when this call cannot carry them now. */
  sendDigits(digits: string): boolean;
  /** Moves the call onto another microphone or speaker; rejects (keeping the one in use) when it cannot. */
  setDevice(kind: DeviceKind, id: string): Promise<void>;
  /** A step failed: tell the core (and the agent) in this driver's terms. */
  failed(error: unknown, step: MediaStep): void;
  /** Releases everything: microphone, peer or channel, timers. */
  stop(): void;
}
