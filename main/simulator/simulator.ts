import { EventEmitter } from 'node:events';
import type { Provider } from '../../preload/contract';
import { FaultPlan } from './faults';
import { RealtimeMedia } from './realtime/realtime-media';
import {
  isEnded,
  isRinging,
  newApiKey,
  newSimCall,
  type SimCall,
  type SimNumber,
} from './sim-state';

/** An API error as Pilot Status answers it: HTTP status plus `{code, message}`. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SimulatorOptions {
  /** How long an unanswered inbound call rings before it is missed. */
  ringTimeoutMs?: number;
  /** Used by the realtime side to fetch `/play` prompts (tests serve them on loopback). */
  fetch?: typeof fetch;
}

export interface IncomingCallOptions {
  numberId: string;
  /** Caller's number; any format, stored as digits without `+` as Pilot does. */
  from: string;
  ringTimeoutMs?: number;
  sdpOffer?: string;
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
export class Simulator extends EventEmitter<{ call: [SimCallEvent] }> {
  readonly numbers = new Map<string, SimNumber>();
  readonly faults = new FaultPlan();
  /** Realtime PCM16 sessions, customer audio and prompts of web-number calls (contract §6). */
  readonly media: RealtimeMedia;
  private readonly calls = new Map<string, SimCall>();
  private readonly ringTimers = new Map<string, NodeJS.Timeout>();
  private seq = 0;
  ringTimeoutMs: number;
  /** How the customer treats an outbound web-number call: rings, then answers (or not). */
  outboundCustomer: { ringAfterMs: number; answerAfterMs: number; answers: boolean } = { ringAfterMs: 300, answerAfterMs: 1500, answers: true };

  constructor(options: SimulatorOptions = {}) {
    super();
    this.ringTimeoutMs = options.ringTimeoutMs ?? 45_000;
    this.media = new RealtimeMedia((callId) => {
      const call = this.calls.get(callId);
      return call && { numberId: call.numberId, live: call.connectedAt !== null && !isEnded(call) };
    }, options.fetch);
    // The customer's audio runs while the call is connected.
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
    const call: SimCall = {
      ...newSimCall(number, { direction: 'INBOUND', status: 'RINGING', peerNumber: options.from, sdpOffer: options.sdpOffer }),
      seq: ++this.seq,
    };
    this.calls.set(call.id, call);
    this.ringTimers.set(
      call.id,
      setTimeout(() => this.end(call, 'MISSED'), options.ringTimeoutMs ?? this.ringTimeoutMs),
    );
    this.emit('call', { call, status: call.status, at: preciseNow() });
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
      if (call.preAcceptSdp !== null && call.preAcceptSdp !== sdp) {
        throw new SimError(400, 'SDP_MISMATCH', 'The SDP sent with accept differs from the one sent with pre-accept');
      }
      call.sdpAnswer = sdp;
    }
    this.clearRing(call.id);
    const now = new Date().toISOString();
    call.connectedAt = now;
    this.setStatus(call, 'ACCEPTED');
    return call;
  }

  preAccept(number: SimNumber, callId: string, sdp: string | undefined): SimCall {
    if (number.provider !== 'META') throw notSupported(number.provider);
    const call = this.find(number, callId);
    if (!isRinging(call)) throw new SimError(409, 'CALL_NOT_RINGING', `Call is ${call.status}`);
    if (!sdp) throw new SimError(400, 'VALIDATION_ERROR', 'sdp is required');
    call.preAcceptSdp = sdp;
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
    this.media.close();
  }

  // ------------------------------------------------------------ used by the web-number (EVO_GO) side

  /** Starts following a call created elsewhere (an outbound call placed through the API). */
  track(call: Omit<SimCall, 'seq'>): SimCall {
    const tracked: SimCall = { ...call, seq: ++this.seq };
    this.calls.set(tracked.id, tracked);
    this.emit('call', { call: tracked, status: tracked.status, at: preciseNow() });
    return tracked;
  }

  /** The customer picked up an outbound call. */
  customerAnswers(callId: string): SimCall {
    const call = this.mustFind(callId);
    if (!isRinging(call)) throw new SimError(409, 'CALL_NOT_RINGING', `Call is ${call.status}`);
    this.clearRing(call.id);
    call.connectedAt = new Date().toISOString();
    this.setStatus(call, 'ACCEPTED');
    return call;
  }

  /** Moves a call to another status the customer's side causes (RINGING, REJECTED, MISSED...). */
  customerSets(callId: string, status: string): SimCall {
    const call = this.mustFind(callId);
    if (isEnded(call)) return call;
    if (['REJECTED', 'MISSED', 'FAILED', 'COMPLETED'].includes(status)) this.end(call, status);
    else this.setStatus(call, status);
    return call;
  }

  // ------------------------------------------------------------ internals

  private mustFind(callId: string): SimCall {
    const call = this.calls.get(callId);
    if (!call) throw new SimError(404, 'CALL_NOT_FOUND', 'Call not found');
    return call;
  }

  private end(call: SimCall, status: string): void {
    this.clearRing(call.id);
    const now = new Date();
    call.endedAt = now.toISOString();
    if (call.connectedAt) call.durationSeconds = Math.max(0, Math.round((now.getTime() - Date.parse(call.connectedAt)) / 1000));
    this.setStatus(call, status);
  }

  private setStatus(call: SimCall, status: string): void {
    call.status = status;
    call.updatedAt = new Date().toISOString();
    this.emit('call', { call, status, at: preciseNow() });
  }

  private clearRing(callId: string): void {
    clearTimeout(this.ringTimers.get(callId));
    this.ringTimers.delete(callId);
  }
}

const newestFirst = (a: SimCall, b: SimCall): number => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.seq - a.seq;
