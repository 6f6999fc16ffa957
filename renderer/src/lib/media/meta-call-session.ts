import { iceGatheringComplete } from './ice';
import { audioContext, LevelMeter } from './level-meter';
import { microphoneError } from './media-error';
import { snapshotOf, type MediaSnapshot, type StatsEntry } from './quality';

/** Energy above this in the received audio counts as "the customer is heard". */
const audibleLevel = 0.003;

/**
 * One META call's media in the renderer: a real RTCPeerConnection to
 * WhatsApp, the microphone, and an <audio> element for what arrives. It
 * decides nothing about the call: the core says when to prepare, apply the
 * answer, start, mute or hold, and stop.
 */
export class MetaCallSession {
  private readonly pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
  private readonly audio = document.createElement('audio');
  private mic: MediaStreamTrack | null = null;
  private sender: RTCRtpSender | null = null;
  private remoteStream = new MediaStream();
  private micMeter: LevelMeter | null = null;
  private remoteMeter: LevelMeter | null = null;
  private started = false;
  private muted = false;
  private held = false;
  private lastSnapshot: MediaSnapshot | null = null;
  private stopped = false;

  constructor(
    readonly callId: string,
    private inputId: string | null,
    outputId: string | null,
  ) {
    this.audio.autoplay = true;
    this.audio.muted = true;
    this.audio.dataset.callAudio = callId;
    this.audio.hidden = true;
    document.body.append(this.audio);
    if (outputId) void this.setOutput(outputId).catch(() => undefined);
    this.pc.addEventListener('track', (event) => {
      this.remoteStream = event.streams[0] ?? new MediaStream([event.track]);
      this.audio.srcObject = this.remoteStream;
      void this.audio.play().catch(() => undefined);
      this.remoteMeter = new LevelMeter(audioContext(), this.remoteStream);
      this.applyControls();
    });
  }

  /** Outbound: the offer, ICE complete, as Chromium made it (`actpass`: the core rewrites Pilot's copy). */
  async prepareOffer(): Promise<string> {
    await this.openMicrophone();
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await iceGatheringComplete(this.pc);
    return this.pc.localDescription!.sdp;
  }

  /** Inbound: the answer to WhatsApp's offer (`a=setup:active`), ICE complete. */
  async prepareAnswer(offer: string): Promise<string> {
    await this.openMicrophone();
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await iceGatheringComplete(this.pc);
    return this.pc.localDescription!.sdp;
  }

  /** Outbound: WhatsApp's answer, as it came. */
  async applyAnswer(sdp: string): Promise<void> {
    if (this.pc.signalingState !== 'have-local-offer') return;
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  /** The call is accepted: send the microphone and play what arrives. */
  start(): void {
    this.started = true;
    this.applyControls();
  }

  control(muted: boolean, held: boolean): void {
    this.muted = muted;
    this.held = held;
    this.applyControls();
  }

  /** Sends digits as RFC 4733 events after any still queued; false when the call cannot send DTMF. */
  sendDtmf(digits: string): boolean {
    const dtmf = this.sender?.dtmf;
    if (!dtmf || !dtmf.canInsertDTMF) return false;
    dtmf.insertDTMF(dtmf.toneBuffer + digits, 120, 70);
    return true;
  }

  /** Switches the microphone, mid-call included, without renegotiating. */
  async setInput(deviceId: string | null): Promise<void> {
    this.inputId = deviceId;
    if (!this.sender) return;
    const previous = this.mic;
    await this.openMicrophone();
    previous?.stop();
  }

  async setOutput(deviceId: string): Promise<void> {
    const element = this.audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (element.setSinkId) await element.setSinkId(deviceId);
  }

  /** Loudness of the agent's own microphone, 0–1. */
  inputLevel(): number {
    return this.micMeter?.level() ?? 0;
  }

  /** Loudness of what arrives from the customer, before mute/hold of the playout. */
  remoteLevel(): number {
    return this.remoteMeter?.level() ?? 0;
  }

  /** Resolves with the time (performance clock, epoch-based) the customer is first heard after `start`. */
  firstAudio(timeoutMs = 15_000): Promise<number | null> {
    const began = performance.now();
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        if (this.stopped || performance.now() - began > timeoutMs) {
          clearInterval(timer);
          resolve(null);
        } else if (this.started && !this.held && this.remoteLevel() > audibleLevel) {
          clearInterval(timer);
          resolve(performance.timeOrigin + performance.now());
        }
      }, 4);
    });
  }

  async snapshot(): Promise<MediaSnapshot> {
    const entries: StatsEntry[] = [];
    (await this.pc.getStats()).forEach((entry) => entries.push(entry as StatsEntry));
    this.lastSnapshot = snapshotOf(entries, this.lastSnapshot, this.pc.iceConnectionState);
    return this.lastSnapshot;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.micMeter?.close();
    this.remoteMeter?.close();
    this.mic?.stop();
    this.pc.close();
    this.audio.srcObject = null;
    this.audio.remove();
  }

  private async openMicrophone(): Promise<void> {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { deviceId: this.inputId ? { exact: this.inputId } : undefined, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
    } catch (error) {
      throw microphoneError(error);
    }
    const track = stream.getAudioTracks()[0]!;
    this.mic = track;
    this.micMeter?.close();
    this.micMeter = new LevelMeter(audioContext(), stream);
    if (this.sender) await this.sender.replaceTrack(track);
    else this.sender = this.pc.addTrack(track, stream);
    this.applyControls();
  }

  /** Nothing is sent or played before the call is accepted; mute stops sending; hold stops both. */
  private applyControls(): void {
    if (this.mic) this.mic.enabled = this.started && !this.muted && !this.held;
    for (const track of this.remoteStream.getAudioTracks()) track.enabled = !this.held;
    this.audio.muted = !this.started || this.held;
  }
}
