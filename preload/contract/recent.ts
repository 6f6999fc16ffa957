import { z } from 'zod';
import { command } from './define';
import type { QuietReason } from './availability';
import type { CallLogEntry } from './history';

/**
 * One of the agent's last calls, as the Recent list shows it: the call-log
 * row's own fields (`id` is the row) and whether it rang while the agent was
 * away.
 */
export interface RecentCall
  extends Pick<
    CallLogEntry,
    'id' | 'accountId' | 'lineLabel' | 'provider' | 'direction' | 'peerNumber' | 'contactName' | 'outcome' | 'remoteStatus' | 'createdAt' | 'durationSeconds'
  > {
  /** Set when the call rang while the agent was away, in Do not disturb or wrapping up: it rang nobody here. */
  rangWhileAway: QuietReason | null;
}

export const recentCommands = {
  'recent.list': command(z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict()).returns<RecentCall[]>(),
};
