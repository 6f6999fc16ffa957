import type { AppError, Direction } from '../../../preload/contract';
import type { CallMachineState } from './call-machine';
import type { CallMedia } from './meta-media';

/** One call the call service follows, with what it knows beyond the state machine. */
export interface TrackedCall {
  /** The app's id for the call: Pilot's id for inbound calls, a local id for calls this agent dials. */
  id: string;
  /** Pilot's `call_...` id; null while an outbound call is not created yet. */
  pilotId: string | null;
  externalId: string | null;
  accountId: string;
  direction: Direction;
  peerNumber: string;
  machine: CallMachineState;
  remoteStatus: string;
  createdAt: number;
  connectedAt?: number;
  endedAt?: number;
  durationSeconds?: number;
  error?: AppError;
  /** When the ringing event left the core; the renderer reports when it drew the call. */
  ringingEmittedAt?: number;
  /** META: SDP, mute/hold, media health. */
  media?: CallMedia;
}

export const parseTime = (value: string | null | undefined): number | undefined => {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};
