import { EventEmitter } from 'node:events';
import type { Provider } from '../../preload/contract';
import { FaultPlan } from './faults';
import { SimError } from './sim-error';
import { MetaCalling } from './meta/meta-calling';
import { RealtimeMedia } from './realtime/realtime-media';
import { isEnded, isRinging, newApiKey, newSimCall, type IncomingCallOptions, type SimCall, type SimNumber } from './sim-state';

export type { IncomingCallOptions } from './sim-state';

export interface SimulatorOptions {
  /** How long an unanswered inbound call rings before it is missed. */
  ringTimeoutMs?: number;
  /** Meta numbers: WhatsApp ends a connected call whose media never started after this long (default 20 s). */
  metaNoMediaTimeoutMs?: number;
  /** Web numbers: used to fetch `/play` prompts (tests serve them on loopback). */
  fetch?: typeof fetch;
  /** The wall clock of the calls' times (epoch ms); tests move it by hand instead of sleeping. */
  now?: () => number;
}

export interface SimCallEvent {
  call: SimCall;
  status: string;
  /** Epoch milliseconds (sub-millisecond precision) when the simulator changed the call. */
  at: number;
}

const notSupported = (provider: Provider) =>
  new SimError(
    400,
    'FEATURE_NOT_SUPPORTED',
    provider === 'META'
      ? 'This action is only available for Pilot Status (web) numbers.'
      : 'This action is only available for Meta Cloud API numbers.',
  );

const preciseNow = (): number => performance.timeOrigin + performance.now();

/**
 * Pilot Status and the customer's phone, in memory: numbers with
 * number-scoped keys, calls with the life cycle of contract §3, and the
 * customer's side (call in, hang up, stop answering). `SimulatorServer`
 * puts the `/v1/calls*` HTTP contract and a control surface in front of it.
 */
export class Simulator extends EventEmitter<{ call: [SimCallEvent]; preAccept: [SimCall] }> {
  readonly numbers = new Map<string, SimNumber>();
  readonly faults = new FaultPlan();
  /** WhatsApp's side of Meta numbers: customers, their WebRTC phones, permissions, calling settings. */
  readonly meta: MetaCalling;
  /** Web numbers: realtime PCM16 sessions, the customer's audio and `/play` prompts (contract §6). */
  readonly media: RealtimeMedia;
  /** Web numbers: how the customer treats an outbound call (rings, then answers or not). */
  outboundCustomer: { ringAfterMs: number; answerAfterMs: number; answers: boolean } = { ringAfterMs: 300, answerAfterMs: 1500, answers: true };
  private readonly calls = new Map<string, SimCall>();
  private readonly ringTimers = new Map<string, NodeJS.Timeout>();
  private seq = 0;
  ringTimeoutMs: number;
  private readonly now: () => number;

  constructor(options: SimulatorOptions = {}) {
    super();
    this.ringTimeoutMs = options.ringTimeoutMs ?? 45_000;
    this.now = options.now ?? Date.now;
    this.meta = new MetaCalling(this, { noMediaTimeoutMs: options.metaNoMediaTimeoutMs });
    this.media = new RealtimeMedia((callId) => {
      const call = this.calls.get(callId);
      return call && { numberId: call.numberId, live: call.connectedAt !== null && !isEnded(call) };
    }, options.fetch);
    // A web number's customer talks and listens while the call is connected.
    this.on('call', ({ call, status }) => {
      if (status === 'ACCEPTED') this.media.callConnected(call.id);
      if (isEnded(call)) this.media.callEnded(call.id);
    });
  }

  addNumber(options: { provider: Provider; phone?: string; apiKey?: string; connected?: boolean; id?: string }): SimNumber {
    const number: SimNumber = {
      id: options.id ?? `num_${this.numbers.size + 1}`,
      provider: options.provider,
      phone: options.phone ?? `+55119${String(40000000 + this.numbers.size).padStart(8, '0')}`,
      apiKey: options.apiKey ?? newApiKey(),
      connected: options.connected ?? true,
    };
    this.numbers.set(number.id, number);
    return number;
  }

  numberForKey(apiKey: string): SimNumber | undefined {
    for (const number of this.numbers.values()) if (number.apiKey === apiKey) return number;
    return undefined;
  }

  number(id: string): SimNumber {
    const number = this.numbers.get(id);
    if (!number) throw new SimError(404, 'NUMBER_NOT_FOUND', `No simulated number ${id}`);
    return number;
  }

  // ------------------------------------------------------------ the customer's side

  incomingCall(options: IncomingCallOptions): SimCall {
    const number = this.number(options.numberId);
    const call = newSimCall({ number, direction: 'INBOUND', status: 'RINGING', peerNumber: options.from, sdpOffer: options.sdpOffer ?? null, seq: ++this.seq, now: this.isoNow() });
    this.calls.set(call.id, call);
    this.ringTimers.set(
      call.id,
      setTimeout(() => this.end(call, 'MISSED'), options.ringTimeoutMs ?? this.ringTimeoutMs),
    );
    this.emit('call', { call, status: call.status, at: preciseNow() });
    return call;
  }

  /** A business-initiated call (`POST /v1/calls`): created `INITIATED`, it rings at the customer until answered or timed out. */
  outgoingCall(options: { numberId: string; to: string; sdpOffer?: string; ringTimeoutMs?: number }): SimCall {
    const number = this.number(options.numberId);
    const call = newSimCall({ number, direction: 'OUTBOUND', status: 'INITIATED', peerNumber: options.to, sdpOffer: options.sdpOffer ?? null, seq: ++this.seq, now: this.isoNow() });
    this.calls.set(call.id, call);
    this.ringTimers.set(call.id, setTimeout(() => this.end(call, 'NO_ANSWER'), options.ringTimeoutMs ?? this.ringTimeoutMs));
    this.emit('call', { call, status: call.status, at: preciseNow() });
    return call;
  }

  /** The called customer's phone rings; with Meta its SDP answer is already on the call. */
  customerRinging(callId: string, sdpAnswer?: string): SimCall {
    const call = this.mustFind(callId);
    if (sdpAnswer !== undefined) call.sdpAnswer = sdpAnswer;
    if (isRinging(call)) this.setStatus(call, 'RINGING');
    return call;
  }

  /** The called customer picks up. */
  customerAnswers(callId: string): SimCall {
    const call = this.mustFind(callId);
    if (!isRinging(call)) return call;
    this.clearRing(call.id);
    call.connectedAt = this.isoNow();
    this.setStatus(call, 'ACCEPTED');
    return call;
  }

  /** The called customer declines. */
  customerRejects(callId: string): SimCall {
    const call = this.mustFind(callId);
    if (isRinging(call)) this.end(call, 'REJECTED');
    return call;
  }

  /** Ends a call with the given status (e.g. WhatsApp cutting a call whose media never started). */
  endCall(callId: string, status: string): SimCall {
    const call = this.mustFind(callId);
    if (!isEnded(call)) this.end(call, status);
    return call;
  }

  /** Pilot Status starts reporting a call in `status`, which may be one nobody documents (the contract expects others). */
  reportStatus(callId: string, status: string): SimCall {
    const call = this.mustFind(callId);
    this.setStatus(call, status);
    return call;
  }

  /** The customer hangs up: a live call completes, a ringing one is missed. */
  customerHangup(callId: string): SimCall {
    const call = this.mustFind(callId);
    if (!isEnded(call)) this.end(call, call.connectedAt ? 'COMPLETED' : 'MISSED');
    return call;
  }

  /** Every call, newest first, with private fields: for tests and the demo. */
  allCalls(): SimCall[] {
    return [...this.calls.values()].sort(newestFirst);
  }

  call(callId: string): SimCall | undefined {
    return this.calls.get(callId);
  }

  // ------------------------------------------------------------ the API (contract §3)

  list(number: SimNumber, query: { limit: number; before?: number }): SimCall[] {
    return this.allCalls()
      .filter((c) => c.numberId === number.id && (query.before === undefined || Date.parse(c.createdAt) < query.before))
      .slice(0, query.limit);
  }

  find(number: SimNumber, callId: string): SimCall {
    const call = this.calls.get(callId) ?? [...this.calls.values()].find((c) => c.externalCallId === callId);
    if (!call || call.numberId !== number.id) throw new SimError(404, 'CALL_NOT_FOUND', 'Call not found');
    return call;
  }

  accept(number: SimNumber, callId: string, sdp?: string): SimCall {
    this.requireConnected(number);
    const call = this.find(number, callId);
    if (!isRinging(call)) throw new SimError(409, 'CALL_NOT_RINGING', `Call is ${call.status}`);
    if (number.provider === 'META') {
      if (!sdp) throw new SimError(400, 'VALIDATION_ERROR', 'sdp is required to accept a Meta call');
      this.meta.checkAnswer(sdp);
      if (call.preAcceptSdp !== null && call.preAcceptSdp !== sdp) {
        throw new SimError(400, 'SDP_MISMATCH', 'The SDP sent with accept differs from the one sent with pre-accept');
      }
      call.sdpAnswer = sdp;
      call.acceptSdp = sdp;
    }
    this.clearRing(call.id);
    const now = this.isoNow();
    call.connectedAt = now;
    this.setStatus(call, 'ACCEPTED');
    return call;
  }

  preAccept(number: SimNumber, callId: string, sdp: string | undefined): SimCall {
    if (number.provider !== 'META') throw notSupported(number.provider);
    const call = this.find(number, callId);
    if (!isRinging(call)) throw new SimError(409, 'CALL_NOT_RINGING', `Call is ${call.status}`);
    if (!sdp) throw new SimError(400, 'VALIDATION_ERROR', 'sdp is required');
    this.meta.checkAnswer(sdp);
    call.preAcceptSdp = sdp;
    this.emit('preAccept', call);
    return call;
  }

  reject(number: SimNumber, callId: string): SimCall {
    this.requireConnected(number);
    const call = this.find(number, callId);
    if (!isRinging(call)) throw new SimError(409, 'CALL_NOT_RINGING', `Call is ${call.status}`);
    this.end(call, 'REJECTED');
    return call;
  }

  terminate(number: SimNumber, callId: string): SimCall {
    this.requireConnected(number);
    const call = this.find(number, callId);
    if (isEnded(call)) throw new SimError(409, 'CALL_ALREADY_ENDED', `Call is ${call.status}`);
    this.end(call, call.connectedAt ? 'COMPLETED' : 'CANCELED');
    return call;
  }

  requireProvider(number: SimNumber, provider: Provider): void {
    if (number.provider !== provider) throw notSupported(number.provider);
  }

  requireConnected(number: SimNumber): void {
    if (number.provider === 'EVO_GO' && !number.connected) {
      throw new SimError(409, 'WHATSAPP_INSTANCE_NOT_CONNECTED', 'The WhatsApp session of this number is not connected.');
    }
  }

  /** Stops timers and realtime sockets; calls stay readable. */
  close(): void {
    for (const timer of this.ringTimers.values()) clearTimeout(timer);
    this.ringTimers.clear();
    this.meta.close();
    this.media.close();
  }

  // ------------------------------------------------------------ internals

  private mustFind(callId: string): SimCall {
    const call = this.calls.get(callId);
    if (!call) throw new SimError(404, 'CALL_NOT_FOUND', 'Call not found');
    return call;
  }

  private end(call: SimCall, status: string): void {
    this.clearRing(call.id);
    const now = this.now();
    call.endedAt = new Date(now).toISOString();
    if (call.connectedAt) call.durationSeconds = Math.max(0, Math.round((now - Date.parse(call.connectedAt)) / 1000));
    this.setStatus(call, status);
  }

  private setStatus(call: SimCall, status: string): void {
    call.status = status;
    call.updatedAt = this.isoNow();
    this.emit('call', { call, status, at: preciseNow() });
  }

  private clearRing(callId: string): void {
    clearTimeout(this.ringTimers.get(callId));
    this.ringTimers.delete(callId);
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}

const newestFirst = (a: SimCall, b: SimCall): number => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.seq - a.seq;
