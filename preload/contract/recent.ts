import { z } from 'zod';
import type { CallOutcome, Provider } from './constants';
import { command } from './define';
import type { QuietReason } from './availability';
import type { Direction } from './calls';

/** One of the agent's last calls, as the Recent list shows it. */
export interface RecentCall {
  /** The call-log row. */
  id: string;
  accountId: string;
  lineLabel: string;
  provider: Provider;
  direction: Direction;
  peerNumber: string;
  /** A name Pilot Status sent with the call, as the call log keeps it. */
  contactName: string | null;
  outcome: CallOutcome | null;
  /** Status exactly as Pilot Status last reported it (named when the outcome is not one the app knows). */
  remoteStatus: string;
  createdAt: string;
  durationSeconds: number | null;
  /** Set when the call rang while the agent was away, in Do not disturb or wrapping up: it rang nobody here. */
  rangWhileAway: QuietReason | null;
}

export const recentCommands = {
  'recent.list': command(z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict()).returns<RecentCall[]>(),
};
