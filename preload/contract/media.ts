import { z } from 'zod';
import { command, id, type Ack } from './define';
import type { AppError } from './result';

/**
 * The media protocol (architecture: "the one back-and-forth that cannot be
 * avoided"). Every call has one media driver, picked once when the call is
 * created from its line's number type: `webrtc` (Meta numbers: the window
 * makes a WebRTC peer to WhatsApp) or `pcm` (web numbers: the main side runs
 * the realtime PCM16 socket, the window captures and plays over a binary
 * channel). Both are driven by the same events, core → renderer:
 *
 * ```
 *   media.prepare  {callId, kind:'webrtc', role, remoteSdp?}  → renderer makes its SDP → media.described
 *                  {callId, kind:'pcm', mode, wireRate}        → renderer readies capture and playback
 *   media.remote   {callId, sdp}            webrtc: WhatsApp's answer to our offer
 *   media.start    {callId}                 play what arrives, send the microphone (pcm: open the binary channel)
 *   media.control  {callId, muted, held}    what the agent set; the core owns it
 *   media.format   {callId, wireRate}       pcm: the server was found to speak another rate
 *   media.stop     {callId}
 * ```
 */
export type MediaKind = 'webrtc' | 'pcm';

export type RealtimeMode = 'talk' | 'listen';
/**
 * `connecting`: first socket; `live`: audio flows; `reconnecting`: a dropped socket is being replaced; `failing`:
 * fresh sessions keep failing (why: `PcmAudioView.problem`), the call is up and the app keeps trying.
 */
export type AudioLinkState = 'connecting' | 'live' | 'reconnecting' | 'failing' | 'ended';

/** Web numbers: the realtime PCM16 audio of a call, while the main side runs it. */
export interface PcmAudioView {
  /** `talk`: the agent's own call; `listen`: a supervisor hears it, sends nothing. */
  mode: RealtimeMode;
  /** PCM16 rate on the wire (the setting, or what the server was found to speak). */
  wireRate: number;
  link: AudioLinkState;
  /** How many times the realtime socket dropped and was replaced during this call. */
  reconnects: number;
  /** While `failing`: why the audio cannot be restored (e.g. `WHATSAPP_INSTANCE_NOT_CONNECTED`). */
  problem?: AppError;
}

/** A call's media as its driver reports it. */
export interface CallMediaView {
  kind: MediaKind;
  /** What the agent set: muted, the customer hears silence; held, silence both ways. */
  muted: boolean;
  held: boolean;
  /** The agent's own voice is (or is about to be) in this call, so mute applies; hold once connected. */
  agentAudio: boolean;
  /** The driver can send keypad digits into the call (RFC 4733 on WebRTC). */
  digits: boolean;
  /** Set while media has not started some seconds after the call connected (ICE/DTLS diagnosis). */
  problem?: AppError;
  /** The "Test my audio" call to the simulator's echo. */
  audioTest?: boolean;
  /** pcm: present while the main side runs the call's realtime audio. */
  pcm?: PcmAudioView;
}

/** What the renderer measures about a WebRTC call's media, a few times a second. */
export interface MediaStatsReport {
  callId: string;
  /** RTCIceConnectionState / RTCDtlsTransportState names. */
  ice: string;
  dtls: string;
  /** Inbound audio packets keep arriving. */
  audioFlowing: boolean;
  rttMs: number | null;
  jitterMs: number | null;
  lossPercent: number | null;
  mos: number | null;
}

const latencyReadings = z.array(z.number().min(0).max(60_000)).max(1000);

export const mediaCommands = {
  /** webrtc: the local description the renderer made for `media.prepare`. */
  'media.described': command(z.object({ callId: id, sdp: z.string().min(10).max(20_000) }).strict()).returns<Ack>(),
  /** webrtc: the renderer could not make or keep media (no microphone, bad SDP, window reloaded). */
  'media.failed': command(z.object({ callId: id, code: z.string().min(1).max(80), message: z.string().max(500) }).strict()).returns<Ack>(),
  'media.stats': command(
    z
      .object({
        callId: id,
        ice: z.string().max(40),
        dtls: z.string().max(40),
        audioFlowing: z.boolean(),
        rttMs: z.number().min(0).max(60_000).nullable(),
        jitterMs: z.number().min(0).max(60_000).nullable(),
        lossPercent: z.number().min(0).max(100).nullable(),
        mos: z.number().min(1).max(5).nullable(),
      })
      .strict(),
  ).returns<Ack>(),
  /** pcm: renderer → core, about once a second while a web-number call has audio. */
  'pcm.stats': command(
    z
      .object({
        callId: id,
        framesIn: z.number().int().min(0),
        framesOut: z.number().int().min(0),
        underruns: z.number().int().min(0),
        concealedMs: z.number().min(0),
        playedMs: z.number().min(0),
        /** Realtime socket → the speaker's queue, per frame since the last report. */
        socketToSpeakerMs: latencyReadings,
        /** Jitter-buffer depth readings since the last report. */
        bufferMs: latencyReadings,
        outputLatencyMs: z.number().min(0).max(10_000).optional(),
        /** Stamp of the last frame received from the main side / sent to it, so each hop's losses can be counted exactly. */
        lastReceivedStamp: z.number().min(0).optional(),
        lastSentStamp: z.number().min(0).optional(),
      })
      .strict(),
  ).returns<Ack>(),
  /** pcm: the audio of a call could not start (no microphone, permission refused, device error). */
  'pcm.failed': command(
    z
      .object({ callId: id, reason: z.enum(['microphone-denied', 'microphone-missing', 'audio-device', 'channel']), detail: z.string().max(300).optional() })
      .strict(),
  ).returns<Ack>(),
};

export type MediaPrepare =
  | { callId: string; kind: 'webrtc'; role: 'offer' | 'answer'; remoteSdp?: string }
  | { callId: string; kind: 'pcm'; mode: RealtimeMode; wireRate: number };

export interface MediaEvents {
  'media.prepare': MediaPrepare;
  /** webrtc: WhatsApp's answer to our offer. */
  'media.remote': { callId: string; sdp: string };
  /** The call's media may flow: play what arrives and send the microphone. */
  'media.start': { callId: string };
  /** Mute (stop sending) and hold (stop sending and silence playout), as the core holds them. */
  'media.control': { callId: string; muted: boolean; held: boolean };
  /** pcm: the wire rate changed (the server speaks another rate than the setting). */
  'media.format': { callId: string; wireRate: number };
  'media.stop': { callId: string };
}

/** What the Electron preload adds beside the contract for the binary audio channel. */
export interface MediaPortApi {
  /** Asks for the call's channel; its MessagePort arrives as a window message `{type: 'pilot-media-port', callId}`. */
  open(callId: string): void;
}
