import { z } from 'zod';
import type { CallOutcome, Provider } from './constants';
import { command, id } from './define';
import type { LineFeatures } from './accounts';
import type { QuietReason } from './availability';
import type { CallMediaView } from './media';
import type { AppError } from './result';

export type CallPhase =
  | 'dialing'
  | 'ringing-out'
  | 'canceling'
  | 'ringing'
  | 'answering'
  | 'declining'
  | 'connected'
  | 'hanging-up'
  | 'ended';
export type Direction = 'INBOUND' | 'OUTBOUND';

export interface CallView {
  id: string;
  accountId: string;
  lineLabel: string;
  provider: Provider;
  /** What the call's line can do beyond answering and hanging up. */
  features: LineFeatures;
  direction: Direction;
  /** E.164 with `+` when it could be normalised, else the digits as they came. */
  peerNumber: string;
  /** The name of the contact with this number (either form of a Brazilian mobile), when there is one. */
  contactName?: string;
  phase: CallPhase;
  outcome?: CallOutcome;
  /** Status exactly as Pilot Status last reported it. */
  remoteStatus: string;
  /**
   * Pilot Status reports a status the app does not know (`remoteStatus`, shown as received) for a call not yet
   * over: it cannot be answered, and a live one is not shown as connected; declining or hanging up still work.
   */
  statusUnknown?: boolean;
  createdAt: string;
  connectedAt?: string;
  endedAt?: string;
  durationSeconds?: number;
  error?: AppError;
  /** The call's media as its driver (WebRTC or realtime PCM16) reports it; the one owner of mute and hold. */
  media: CallMediaView;
  /** Web numbers: another agent is on this call and a supervisor may listen in. */
  listenable?: boolean;
  /** Team lines: the agent who answered the call (another agent, or this one), once the team server said. */
  answeredBy?: string;
  /** The call rang on the line but not for this agent (away, do not disturb, wrapping up): no ringtone, no notification. */
  quiet?: QuietReason;
  /** The call-log row of the call, once Pilot Status knows it (a dialed call's row is Pilot's id, not the view's). */
  logId?: string;
}

/** A number as the agent typed it; the main side parses it (digits, spaces, `+`, dashes). */
const typedNumber = z.string().trim().min(3).max(40);

export const callCommands = {
  'calls.list': command(z.object({}).strict()).returns<CallView[]>(),
  'calls.answer': command(z.object({ callId: id }).strict()).returns<CallView>(),
  'calls.decline': command(z.object({ callId: id }).strict()).returns<CallView>(),
  'calls.hangup': command(z.object({ callId: id }).strict()).returns<CallView>(),
  'calls.dial': command(z.object({ accountId: id, to: typedNumber }).strict()).returns<CallView>(),
  /** "Test my audio": a Meta call to the built-in simulator's echo. */
  'calls.testAudio': command(z.object({}).strict()).returns<CallView>(),
  'calls.mute': command(z.object({ callId: id, muted: z.boolean() }).strict()).returns<CallView>(),
  'calls.hold': command(z.object({ callId: id, held: z.boolean() }).strict()).returns<CallView>(),
};

export { typedNumber };

export interface CallEvents {
  'calls.changed': CallView;
}
