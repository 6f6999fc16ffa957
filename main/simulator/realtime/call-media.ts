import type { WebSocket } from 'ws';
import { PromptQueue } from './prompt-queue';
import type { RealtimeMode } from './realtime-tokens';
import { Recording, SampleFifo, fromPcm16, toPcm16 } from './sample-fifo';

/** How the simulated link behaves; tests change it to prove the app adapts. */
export interface RealtimeLinkConfig {
  /** Wire rate of both directions. */
  sampleRate: number;
  /** Length of each frame the server sends (the app must accept any). */
  frameMs: number;
  /** Each frame leaves up to this much late (uniformly), in order, as over TCP. */
  jitterMs: number;
  /** Share of frames the server never sends (0..1). */
  lossRate: number;
}

/** What the simulated customer says into the call. */
export type CustomerVoice =
  | { kind: 'silence' }
  | { kind: 'tone'; frequency: number; amplitude?: number }
  /** Sends back what it hears from the agent. */
  | { kind: 'echo' };

export interface RealtimeSessionRecord {
  id: number;
  callId: string;
  mode: RealtimeMode;
  token: string;
  connectedAt: number;
  closedAt: number | null;
  closeCode: number | null;
  /** Binary frames the server sent to the app. */
  framesSent: number;
  framesLost: number;
  /** Binary frames the app sent (a listen session must have none). */
  framesReceived: number;
  bytesReceived: number;
  textReceived: number;
  /** Arrival time of each frame from the app, for loss and pacing checks. */
  receivedAt: number[];
}

const earTickMs = 20;
const earPrebufferMs = 40;
const recordSeconds = 180;

/**
 * The media side of one simulated web-number call: the customer's voice
 * sent to every realtime session in paced frames (with the configured
 * jitter and loss), the agent's audio received from talk sessions, and the
 * customer's "ear": the agent's audio and any `/play` prompts mixed as the
 * customer would hear them, recorded for tests.
 */
export class CallMedia {
  private sendingPaused = false;
  readonly sessions: RealtimeSessionRecord[] = [];
  readonly prompts: PromptQueue;
  voice: CustomerVoice;
  /** Wall time (ms) the first ear sample stands for; ear sample j is at earStartedAt + j/rate. */
  earStartedAt: number | null = null;
  private readonly sockets = new Map<RealtimeSessionRecord, WebSocket>();
  private readonly lastSendAt = new Map<RealtimeSessionRecord, number>();
  private readonly heard: Recording;
  private readonly received: Recording;
  private readonly agentFifo: SampleFifo;
  private readonly echoFifo: SampleFifo;
  private earPrebuffering = true;
  private startedAt: number | null = null;
  private framesDone = 0;
  private earDone = 0;
  private timer: NodeJS.Timeout | null = null;
  private sequence = 0;

  constructor(
    readonly callId: string,
    private readonly config: () => RealtimeLinkConfig,
    voice: CustomerVoice,
    fetchImpl?: typeof fetch,
  ) {
    const rate = config().sampleRate;
    this.voice = voice;
    this.prompts = new PromptQueue(() => this.config().sampleRate, fetchImpl);
    this.heard = new Recording(rate * recordSeconds);
    this.received = new Recording(rate * recordSeconds);
    this.agentFifo = new SampleFifo(Math.round(rate * 0.3));
    this.echoFifo = new SampleFifo(Math.round(rate * 0.5));
  }

  /** The call connected: the customer starts talking and listening. */
  start(now = Date.now()): void {
    if (this.startedAt !== null) return;
    this.startedAt = now;
    this.earStartedAt = now;
    this.schedule();
  }

  /** The call ended: every session is closed normally and the clocks stop. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const ws of this.sockets.values()) ws.close(1000, 'call ended');
  }

  attach(ws: WebSocket, mode: RealtimeMode, token: string): RealtimeSessionRecord {
    const session: RealtimeSessionRecord = {
      id: ++this.sequence,
      callId: this.callId,
      mode,
      token,
      connectedAt: Date.now(),
      closedAt: null,
      closeCode: null,
      framesSent: 0,
      framesLost: 0,
      framesReceived: 0,
      bytesReceived: 0,
      textReceived: 0,
      receivedAt: [],
    };
    this.sessions.push(session);
    this.sockets.set(session, ws);
    ws.on('message', (data, isBinary) => this.onMessage(session, data as Buffer, isBinary));
    ws.on('close', (code) => {
      session.closedAt = Date.now();
      session.closeCode = code;
      this.sockets.delete(session);
      this.lastSendAt.delete(session);
    });
    ws.on('error', () => {});
    return session;
  }

  /** Everything the agent's talk sessions delivered, in order (PCM16 at the wire rate). */
  agentAudio(): Int16Array {
    return this.received.all();
  }

  /** What the customer heard: the agent mixed with prompts, one sample per tick of the customer's clock. */
  customerHeard(): Int16Array {
    return this.heard.all();
  }

  /**
   * The customer's phone stops sending audio frames (its clock keeps running).
   * Tests use it to let the line drain before counting frames: frames still
   * on their way when a call is torn down are not losses of the link.
   */
  pauseSending(): void {
    this.sendingPaused = true;
  }

  /** Cuts every open socket without a close frame, as a network failure would. */
  dropSockets(): number {
    const open = [...this.sockets.values()];
    for (const ws of open) ws.terminate();
    return open.length;
  }

  closeSockets(code: number, reason: string): void {
    for (const ws of this.sockets.values()) ws.close(code, reason);
  }

  sendText(text: string): void {
    for (const ws of this.sockets.values()) ws.send(text);
  }

  private onMessage(session: RealtimeSessionRecord, data: Buffer, isBinary: boolean): void {
    if (!isBinary) {
      session.textReceived++;
      return;
    }
    session.framesReceived++;
    session.bytesReceived += data.byteLength;
    if (session.receivedAt.length < 100_000) session.receivedAt.push(Date.now());
    // Listen sessions are receive-only: whatever arrives is counted (tests require none) and discarded.
    if (session.mode !== 'talk') return;
    const samples = fromPcm16(data.byteLength % 2 ? data.subarray(0, data.byteLength - 1) : data);
    this.received.append(toPcm16(samples));
    this.agentFifo.push(samples);
    if (this.voice.kind === 'echo') this.echoFifo.push(samples);
  }

  private schedule(): void {
    if (this.startedAt === null) return;
    const { frameMs } = this.config();
    const nextFrame = this.startedAt + (this.framesDone + 1) * frameMs;
    const nextEar = this.startedAt + (this.earDone + 1) * earTickMs;
    const wait = Math.max(0, Math.min(nextFrame, nextEar) - Date.now());
    this.timer = setTimeout(() => this.tick(), wait);
  }

  private tick(): void {
    const now = Date.now();
    const started = this.startedAt!;
    const { frameMs } = this.config();
    while (started + (this.framesDone + 1) * frameMs <= now) this.sendFrame(this.framesDone++, now);
    while (started + (this.earDone + 1) * earTickMs <= now) this.listen(now);
    this.schedule();
  }

  private voiceFrame(index: number): Float32Array {
    const { sampleRate, frameMs } = this.config();
    const n = Math.round((sampleRate * frameMs) / 1000);
    const voice = this.voice;
    if (voice.kind === 'tone') {
      const out = new Float32Array(n);
      const amplitude = voice.amplitude ?? 0.3;
      for (let i = 0; i < n; i++) out[i] = amplitude * Math.sin((2 * Math.PI * voice.frequency * (index * n + i)) / sampleRate);
      return out;
    }
    if (voice.kind === 'echo') {
      const out = new Float32Array(n);
      out.set(this.echoFifo.take(n));
      return out;
    }
    return new Float32Array(n);
  }

  private sendFrame(index: number, now: number): void {
    if (this.sendingPaused) return;
    const payload = Buffer.from(toPcm16(this.voiceFrame(index)).buffer);
    const { jitterMs, lossRate } = this.config();
    for (const [session, ws] of this.sockets) {
      if (lossRate > 0 && Math.random() < lossRate) {
        session.framesLost++;
        continue;
      }
      // In order, as over TCP: a frame never overtakes the one before it.
      const at = Math.max(this.lastSendAt.get(session) ?? 0, now + Math.random() * jitterMs);
      this.lastSendAt.set(session, at);
      const deliver = () => {
        if (ws.readyState !== ws.OPEN) return;
        ws.send(payload, { binary: true });
        session.framesSent++;
      };
      if (at <= now) deliver();
      else setTimeout(deliver, at - now);
    }
  }

  /** One tick of the customer's ear: 20 ms of the agent (after a small prebuffer) plus prompt audio. */
  private listen(now: number): void {
    this.earDone++;
    const n = Math.round((this.config().sampleRate * earTickMs) / 1000);
    const mix = new Float32Array(n);
    if (this.earPrebuffering && this.agentFifo.length >= (n * earPrebufferMs) / earTickMs) this.earPrebuffering = false;
    if (!this.earPrebuffering) {
      const agent = this.agentFifo.take(n);
      mix.set(agent);
      if (agent.length < n) this.earPrebuffering = true;
    }
    const prompt = this.prompts.take(n, now);
    if (prompt) for (let i = 0; i < prompt.length; i++) mix[i] = mix[i]! + prompt[i]!;
    this.heard.append(toPcm16(mix));
  }
}
