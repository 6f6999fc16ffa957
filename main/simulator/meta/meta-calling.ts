import { randomBytes } from 'node:crypto';
import type { IncomingCallOptions, SimCall, SimNumber } from '../sim-state';
import { isEnded, isRinging } from '../sim-state';
import { SimError } from '../sim-error';
import type { CustomerAudio } from './audio-source';
import { CustomerPhone } from './customer-phone';
import { CustomerDirectory, digitsOf, permissionBody, usage, type CustomerPatch, type PermissionStatus } from './meta-customers';
import * as errors from './meta-errors';
import { MetaNumberSettings } from './meta-settings';
import { answerProblem, offerProblem, unreachableCandidates } from './sdp-rules';

export interface MetaCallingOptions {
  /** WhatsApp ends a connected call when no media arrived within this time (contract §5: about 20 s). */
  noMediaTimeoutMs?: number;
}

const later = (ms: number, run: () => void): NodeJS.Timeout => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return timer;
};

/** What Meta calling needs of the simulator it is part of (the simulator passes itself). */
export interface MetaCallHost {
  number(id: string): SimNumber;
  incomingCall(options: IncomingCallOptions): SimCall;
  outgoingCall(options: { numberId: string; to: string; sdpOffer?: string; ringTimeoutMs?: number }): SimCall;
  customerRinging(callId: string, sdpAnswer?: string): SimCall;
  customerAnswers(callId: string): SimCall;
  customerRejects(callId: string): SimCall;
  endCall(callId: string, status: string): SimCall;
  on(event: 'call', listener: (event: { call: SimCall; status: string }) => void): unknown;
  on(event: 'preAccept', listener: (call: SimCall) => void): unknown;
}

/**
 * WhatsApp's side of Meta numbers: the customers (their permissions and
 * habits), their phones as real WebRTC peers, the calling settings of each
 * business number, and Meta's rules (SDP checks, permission and payment
 * requirements, the no-media cut-off).
 */
export class MetaCalling {
  readonly customers = new CustomerDirectory();
  readonly settings = new MetaNumberSettings();
  private readonly phones = new Map<string, CustomerPhone>();
  private readonly timers = new Map<string, NodeJS.Timeout[]>();
  noMediaTimeoutMs: number;

  constructor(
    private readonly simulator: MetaCallHost,
    options: MetaCallingOptions = {},
  ) {
    this.noMediaTimeoutMs = options.noMediaTimeoutMs ?? 20_000;
    simulator.on('call', ({ call, status }) => this.onCallChanged(call, status));
    simulator.on('preAccept', (call) => {
      if (this.preAcceptAllowed(call)) void this.phones.get(call.id)?.applyAnswer(call.preAcceptSdp!).catch(() => undefined);
    });
  }

  /** The phone of a call, for tests and diagnostics (what it heard, the digits it got). */
  phone(callId: string): CustomerPhone | undefined {
    return this.phones.get(callId);
  }

  customer(phone: string, patch: CustomerPatch = {}) {
    return this.customers.update(phone, patch);
  }

  // ------------------------------------------------------------ user-initiated (the customer calls)

  /** The customer calls the business: the call rings with the phone's real offer on it. */
  async incomingCall(options: { numberId: string; from: string; audio?: CustomerAudio; ringTimeoutMs?: number }): Promise<SimCall> {
    const number = this.simulator.number(options.numberId);
    if (number.provider !== 'META') throw new SimError(400, 'FEATURE_NOT_SUPPORTED', 'Only Meta numbers take WebRTC calls');
    const profile = this.customers.get(options.from);
    const { phone, offer } = await CustomerPhone.calling(options.audio ?? profile.audio);
    // A blocked network: the candidates point at a local port nothing listens on, so ICE never completes.
    const sdpOffer = profile.network === 'blocked' ? unreachableCandidates(offer) : offer;
    const call = this.simulator.incomingCall({ numberId: number.id, from: options.from, sdpOffer, ringTimeoutMs: options.ringTimeoutMs });
    this.phones.set(call.id, phone);
    return call;
  }

  // ------------------------------------------------------------ business-initiated (`POST /v1/calls`)

  async placeCall(number: SimNumber, request: { to: string; sdp?: string }): Promise<SimCall> {
    if (!this.settings.get(number.id).enabled) throw errors.callingDisabled();
    if (!this.settings.get(number.id).paymentMethod) throw errors.paymentRequired();
    if (!request.sdp) throw new SimError(400, 'VALIDATION_ERROR', 'sdp (the SDP offer) is required to call from a Meta number');
    const problem = offerProblem(request.sdp);
    if (problem) throw errors.invalidSdp(problem);
    const profile = this.customers.get(request.to);
    const now = Date.now();
    if (this.customers.currentPermission(profile, now).status === 'no_permission') throw errors.permissionRequired();
    profile.callsStarted.push(now);

    const { phone, answer } = await CustomerPhone.called(request.sdp, profile.audio);
    const call = this.simulator.outgoingCall({ numberId: number.id, to: request.to, sdpOffer: request.sdp });
    this.phones.set(call.id, phone);
    // Like Meta's early "connect", the answer is on the call while it rings, so media can be set up before pickup.
    this.schedule(call.id, 150, () => this.simulator.customerRinging(call.id, answer));
    if (profile.pickup !== 'ignore') {
      this.schedule(call.id, Math.max(200, profile.pickupDelayMs), () =>
        profile.pickup === 'answer' ? this.simulator.customerAnswers(call.id) : this.simulator.customerRejects(call.id),
      );
    }
    return call;
  }

  // ------------------------------------------------------------ permissions

  permissions(to: string): ReturnType<typeof permissionBody> {
    return permissionBody(this.customers, this.customers.get(to), Date.now());
  }

  requestPermission(to: string): { messageId: string } {
    const profile = this.customers.get(to);
    const now = Date.now();
    if (!profile.serviceWindowOpen) throw errors.outsideServiceWindow();
    const exhausted = usage(profile.permissionRequests, 'send_call_permission_request', now).find((l) => l.current_usage >= l.max_allowed);
    if (exhausted) {
      const oldest = profile.permissionRequests.slice(-exhausted.max_allowed)[0]!;
      throw errors.permissionRequestLimit(oldest + (exhausted.time_period === 'PT24H' ? 1 : 7) * 24 * 3600 * 1000);
    }
    profile.permissionRequests.push(now);
    if (profile.autoPermission) {
      const { status, afterMs } = profile.autoPermission;
      later(afterMs, () => this.answerPermissionRequest(to, status));
    }
    return { messageId: `wamid.${randomBytes(18).toString('base64url')}` };
  }

  /** The user answers the permission request (`call.permission_updated` on the real service). */
  answerPermissionRequest(to: string, status: PermissionStatus): void {
    this.customers.grant(digitsOf(to), status, Date.now());
  }

  close(): void {
    for (const id of [...this.phones.keys()]) this.release(id);
  }

  // ------------------------------------------------------------ internals

  private onCallChanged(call: SimCall, status: string): void {
    const phone = this.phones.get(call.id);
    if (!phone) return;
    if (isEnded(call)) {
      this.release(call.id);
      return;
    }
    if (status !== 'ACCEPTED') return;
    void this.connect(call, phone);
  }

  /** Accepted: apply the agent's answer if pre-accept did not, start talking, and watch for media. */
  private async connect(call: SimCall, phone: CustomerPhone): Promise<void> {
    const profile = this.customers.get(call.peerNumber);
    if (call.direction === 'INBOUND' && profile.network === 'ok' && call.sdpAnswer) {
      await phone.applyAnswer(call.sdpAnswer).catch(() => undefined);
    }
    phone.startTalking();
    this.schedule(call.id, this.noMediaTimeoutMs, () => {
      if (phone.packetsReceived === 0 && !isEnded(call)) this.simulator.endCall(call.id, 'FAILED');
    });
  }

  /** Checks an accept's SDP the way Meta would, before the call is accepted. */
  checkAnswer(sdp: string | undefined): void {
    const problem = sdp ? answerProblem(sdp) : null;
    if (problem) throw errors.invalidSdp(problem);
  }

  /** A pre-accept only reaches the phone when its network lets media through. */
  preAcceptAllowed(call: SimCall): boolean {
    return isRinging(call) && this.customers.get(call.peerNumber).network === 'ok';
  }

  private schedule(callId: string, ms: number, run: () => void): void {
    const list = this.timers.get(callId) ?? [];
    list.push(later(ms, run));
    this.timers.set(callId, list);
  }

  private release(callId: string): void {
    for (const timer of this.timers.get(callId) ?? []) clearTimeout(timer);
    this.timers.delete(callId);
    const phone = this.phones.get(callId);
    this.phones.delete(callId);
    void phone?.close();
  }
}
