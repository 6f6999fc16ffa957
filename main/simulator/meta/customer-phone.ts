import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift';
import { dominantFrequency, rms, toneLevel, type DominantTone } from './audio-analysis';
import { sourceFor, type CustomerAudio, type FrameSource } from './audio-source';
import { frameMs, frameSamples, opusSampleRate, OpusDecoder, OpusEncoder } from './opus-codec';
import { DtmfCollector } from './rtp-dtmf';
import { keepTelephoneEvent8000, setupValues } from './sdp-rules';

/** WhatsApp's codecs (contract §5): Opus 48 kHz stereo-signalled, and DTMF as telephone-event/8000 on PT 126. */
const whatsappCodecs = () => ({
  audio: [
    new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48_000, channels: 2, payloadType: 111, parameters: 'minptime=10;useinbandfec=1' }),
    new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, channels: 1, payloadType: 126 }),
  ],
  video: [],
});

/** How long the phone keeps what it heard, for tests and diagnostics. */
const keepHeardMs = 10_000;
const gatherTimeoutMs = 5000;

interface HeardChunk {
  at: number;
  samples: Float32Array;
}

/**
 * The WhatsApp user's phone, for real: a WebRTC peer in Node (werift) that
 * speaks Opus 48 kHz and telephone-event/8000 like WhatsApp's media side. It
 * plays a tone, a speech file, silence or an echo of what it hears, and keeps
 * the last seconds of what it heard and every DTMF digit it received.
 */
export class CustomerPhone {
  private readonly pc: RTCPeerConnection;
  private readonly transceiver: RTCRtpTransceiver;
  private readonly outgoing = new MediaStreamTrack({ kind: 'audio' });
  private readonly encoder = new OpusEncoder();
  private readonly decoder = new OpusDecoder();
  private readonly dtmf = new DtmfCollector();
  private readonly heardChunks: HeardChunk[] = [];
  private source: FrameSource | null;
  private talkTimer: NodeJS.Timeout | null = null;
  private talkStartedAt = 0;
  private framesSent = 0;
  private sequence = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0x7fffffff);
  private readonly ssrc = Math.floor(Math.random() * 0xffffffff);
  private echoBase: { incoming: number; outgoing: number } | null = null;
  private remoteApplied = false;
  private closed = false;
  /** RTP packets received (audio and DTMF). */
  packetsReceived = 0;
  firstPacketAt: number | null = null;

  private constructor(private audio: CustomerAudio) {
    this.pc = new RTCPeerConnection({ codecs: whatsappCodecs(), iceServers: [], iceUseIpv6: false, bundlePolicy: 'max-bundle' });
    this.source = sourceFor(audio);
    this.transceiver = this.pc.addTransceiver(this.outgoing, { direction: 'sendrecv' });
    this.transceiver.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => this.receive(rtp)));
  }

  /** A phone that calls the business: it makes the offer WhatsApp would send (actpass, ICE complete). */
  static async calling(audio: CustomerAudio): Promise<{ phone: CustomerPhone; offer: string }> {
    const phone = new CustomerPhone(audio);
    await phone.pc.setLocalDescription(await phone.pc.createOffer());
    await phone.gathered();
    return { phone, offer: phone.pc.localDescription!.sdp };
  }

  /** A phone the business calls: it answers the business's offer (`a=setup:active`) with `passive`. */
  static async called(offer: string, audio: CustomerAudio): Promise<{ phone: CustomerPhone; answer: string }> {
    const phone = new CustomerPhone(audio);
    await phone.pc.setRemoteDescription({ type: 'offer', sdp: keepTelephoneEvent8000(offer) });
    phone.remoteApplied = true;
    // werift would answer `active` to an `active` offer; WhatsApp answers `passive` (DTLS server).
    if (setupValues(offer).includes('active')) {
      phone.transceiver.dtlsTransport.role = 'server';
    }
    await phone.pc.setLocalDescription(await phone.pc.createAnswer());
    await phone.gathered();
    return { phone, answer: phone.pc.localDescription!.sdp };
  }

  /** The agent's answer to this phone's offer (at pre-accept, or at accept when there was none). */
  async applyAnswer(sdp: string): Promise<void> {
    if (this.remoteApplied || this.closed) return;
    this.remoteApplied = true;
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  get hasRemote(): boolean {
    return this.remoteApplied;
  }

  get connectionState(): string {
    return this.pc.connectionState;
  }

  /** Starts sending audio (WhatsApp forwards media only once the call is accepted). */
  startTalking(): void {
    if (this.talkTimer || this.closed) return;
    this.talkStartedAt = performance.now();
    this.framesSent = 0;
    this.talkTimer = setInterval(() => this.sendDueFrames(), 5);
  }

  stopTalking(): void {
    if (this.talkTimer) clearInterval(this.talkTimer);
    this.talkTimer = null;
  }

  get talking(): boolean {
    return this.talkTimer !== null;
  }

  /** Changes what the customer says, mid-call included. */
  say(audio: CustomerAudio): void {
    this.audio = audio;
    this.source = sourceFor(audio);
    this.echoBase = null;
  }

  /** Decoded audio heard during the last `windowMs` (only packets that arrived in that window). */
  heard(windowMs: number): Float32Array {
    const since = performance.now() - windowMs;
    const chunks = this.heardChunks.filter((c) => c.at >= since);
    const out = new Float32Array(chunks.reduce((n, c) => n + c.samples.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk.samples, offset);
      offset += chunk.samples.length;
    }
    return out;
  }

  /** Amplitude of `hz` in what was heard during the last `windowMs`. */
  levelAt(hz: number, windowMs = 500): number {
    return toneLevel(this.heard(windowMs), opusSampleRate, hz);
  }

  loudness(windowMs = 500): number {
    return rms(this.heard(windowMs));
  }

  dominant(windowMs = 500): DominantTone | null {
    return dominantFrequency(this.heard(windowMs), opusSampleRate);
  }

  /** Every DTMF digit received, in order. */
  get digits(): string {
    return this.dtmf.digits.join('');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopTalking();
    await this.pc.close().catch(() => undefined);
    this.encoder.close();
    this.decoder.close();
  }

  private async gathered(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, gatherTimeoutMs);
      this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state !== 'complete') return;
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private receive(rtp: RtpPacket): void {
    if (this.closed) return;
    this.packetsReceived += 1;
    this.firstPacketAt ??= performance.now();
    const codec = this.transceiver.codecs.find((c) => c.payloadType === rtp.header.payloadType);
    const name = codec?.name.toLowerCase();
    if (name === 'telephone-event') {
      this.dtmf.push(rtp.header.timestamp, rtp.payload);
      return;
    }
    if (name !== 'opus') return;
    this.heardChunks.push({ at: performance.now(), samples: this.decodeSafely(rtp.payload) });
    const keepSince = performance.now() - keepHeardMs;
    while (this.heardChunks.length > 0 && this.heardChunks[0]!.at < keepSince) this.heardChunks.shift();
    if (this.audio.kind === 'echo' && this.talking) this.echo(rtp);
  }

  private decodeSafely(payload: Buffer): Float32Array {
    try {
      return this.decoder.decode(payload);
    } catch {
      return new Float32Array(frameSamples);
    }
  }

  /** Sends back what was heard, with this phone's own SSRC, sequence and timestamps. */
  private echo(rtp: RtpPacket): void {
    this.echoBase ??= { incoming: rtp.header.timestamp, outgoing: this.timestamp };
    const timestamp = (this.echoBase.outgoing + ((rtp.header.timestamp - this.echoBase.incoming) >>> 0)) >>> 0;
    this.write(rtp.payload, timestamp);
  }

  private sendDueFrames(): void {
    if (!this.source) return;
    const due = Math.floor((performance.now() - this.talkStartedAt) / frameMs) + 1;
    // After a stall (a busy machine), skip ahead rather than burst old audio.
    if (due - this.framesSent > 10) this.framesSent = due - 1;
    while (this.framesSent < due) {
      this.framesSent += 1;
      this.timestamp = (this.timestamp + frameSamples) >>> 0;
      this.write(this.encoder.encode(this.source.next()), this.timestamp);
    }
  }

  private write(payload: Buffer, timestamp: number): void {
    if (this.closed) return;
    this.sequence = (this.sequence + 1) & 0xffff;
    const header = new RtpHeader({ payloadType: 111, sequenceNumber: this.sequence, timestamp, ssrc: this.ssrc, marker: false });
    this.outgoing.writeRtp(new RtpPacket(header, payload));
  }
}
