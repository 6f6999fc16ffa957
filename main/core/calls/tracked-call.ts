import type { AppError, Direction, LineFeatures, Provider, QuietReason } from '../../../preload/contract';
import type { StatusKind } from '../pilot/call-schema';
import type { CallMachineState } from './call-machine';
import type { CallMediaDriver, CallMediaHooks } from './media-driver';

/** One call the call service follows, with what it knows beyond the state machine. */
export interface TrackedCall {
  /** The app's id for the call: Pilot's id for inbound calls, a local id for calls this agent dials. */
  id: string;
  /** Pilot's `call_...` id; null while an outbound call is not created yet. */
  pilotId: string | null;
  externalId: string | null;
  accountId: string;
  /** The line's number type and what it can do, as when the call began. */
  provider: Provider;
  features: LineFeatures;
  direction: Direction;
  peerNumber: string;
  /** The name of the contact with this number, looked up when the call began and whenever contacts change. */
  contactName?: string | null;
  machine: CallMachineState;
  remoteStatus: string;
  /** What Pilot's status means (a call answered elsewhere stays `connected` there). */
  remoteKind?: StatusKind;
  createdAt: number;
  connectedAt?: number;
  endedAt?: number;
  durationSeconds?: number;
  error?: AppError;
  /** The agent who took the call, as a team server reports it. */
  answeredBy?: string;
  /** Set when the call rang quietly for this agent, and why. */
  quiet?: QuietReason;
  /** When the ringing event left the core; the renderer reports when it drew the call. */
  ringingEmittedAt?: number;
  /** The call's media, picked once from the line's number type when the call was created. */
  driver: CallMediaDriver;
}

/** What is known of a call before the call service follows it (its number type and state come from its line and the machine). */
export type NewCall = Omit<TrackedCall, 'driver' | 'machine' | 'provider' | 'features'>;

/** Makes the media driver of a new call; the composition root passes the provider picker in. */
export type MediaDriverFactory = (call: Readonly<TrackedCall>, hooks: CallMediaHooks, options: { audioTest?: boolean }) => CallMediaDriver;
