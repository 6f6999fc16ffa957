import { randomBytes, randomUUID } from 'node:crypto';
import type { Provider } from '../../preload/contract';

export interface SimNumber {
  id: string;
  provider: Provider;
  /** The business's own WhatsApp number, E.164. */
  phone: string;
  apiKey: string;
  /** EVO_GO only: whether the number's WhatsApp web session is up. */
  connected: boolean;
}

export type SimDirection = 'INBOUND' | 'OUTBOUND';

/** A call as the simulator stores it; serialised exactly like the Call object of contract §3. */
export interface SimCall {
  id: string;
  externalCallId: string;
  numberId: string;
  direction: SimDirection;
  status: string;
  /** Digits without `+`, as Pilot sends them. */
  peerNumber: string;
  durationSeconds: number | null;
  startedAt: string | null;
  connectedAt: string | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
  sdpOffer: string | null;
  sdpAnswer: string | null;
  /** SDP sent with pre-accept (META), kept to check that accept repeats it. */
  preAcceptSdp: string | null;
  /** SDP sent with accept (META), kept so tests can compare it with pre-accept's. */
  acceptSdp: string | null;
  /** Sequence number: a stable tie-breaker for calls created in the same millisecond. */
  seq: number;
}

export const newApiKey = (): string => `ps_${randomBytes(18).toString('base64url')}`;

export const newCallId = (): string => `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;

export const newExternalId = (provider: Provider): string =>
  provider === 'META' ? `wacid.${randomBytes(24).toString('base64url')}` : `${randomBytes(10).toString('hex').toUpperCase()}`;

/** The public shape of a call, with SDP only when asked for (`?includeSdp=1`). */
export const serializeCall = (call: SimCall, provider: Provider, includeSdp: boolean): Record<string, unknown> => {
  const body: Record<string, unknown> = {
    id: call.id,
    externalCallId: call.externalCallId,
    direction: call.direction,
    status: call.status,
    peerNumber: call.peerNumber,
    durationSeconds: call.durationSeconds,
    startedAt: call.startedAt,
    connectedAt: call.connectedAt,
    endedAt: call.endedAt,
    createdAt: call.createdAt,
    updatedAt: call.updatedAt,
  };
  if (includeSdp) {
    body.sdpOffer = provider === 'META' ? call.sdpOffer : null;
    body.sdpAnswer = provider === 'META' ? call.sdpAnswer : null;
  }
  return body;
};

const ringingStatuses = new Set(['INITIATED', 'RINGING']);

export const isRinging = (call: SimCall): boolean => ringingStatuses.has(call.status);
export const isEnded = (call: SimCall): boolean => call.endedAt !== null;

/** A new call as Pilot creates it: nothing connected or ended yet, no SDP but the offer. */
export const newSimCall = (fields: { number: SimNumber; direction: SimDirection; status: string; peerNumber: string; sdpOffer: string | null; seq: number; now: string }): SimCall => {
  const { now } = fields;
  return {
    id: newCallId(),
    externalCallId: newExternalId(fields.number.provider),
    numberId: fields.number.id,
    direction: fields.direction,
    status: fields.status,
    peerNumber: fields.peerNumber.replace(/\D/g, ''),
    durationSeconds: null,
    startedAt: now,
    connectedAt: null,
    endedAt: null,
    createdAt: now,
    updatedAt: now,
    sdpOffer: fields.sdpOffer,
    sdpAnswer: null,
    preAcceptSdp: null,
    acceptSdp: null,
    seq: fields.seq,
  };
};

export interface IncomingCallOptions {
  numberId: string;
  /** Caller's number; any format, stored as digits without `+` as Pilot does. */
  from: string;
  ringTimeoutMs?: number;
  sdpOffer?: string;
}
