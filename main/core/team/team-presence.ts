import type { AvailabilityView } from '../../../preload/contract';
import type { AgentStatus } from './protocol';

/**
 * What the team servers are told of the agent's availability (calls ring
 * only agents available on their number): the agent's choice, and Away
 * while a call of any line is under way or its wrap-up time runs, so the
 * team's calls ring the others meanwhile. The server shows its own calls as
 * "on a call" by itself.
 */
export const teamPresenceOf = ({ chosen, status }: Pick<AvailabilityView, 'chosen' | 'status'>): AgentStatus =>
  status === 'busy' || status === 'wrap-up' ? 'away' : chosen;
