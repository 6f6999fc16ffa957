import { PilotApiError } from '../../core/pilot/pilot-error';
import type { TeamError } from '../../core/team/protocol';

/** A request an agent cannot have, with a code the app has a sentence for. */
export class TeamActionError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: Record<string, string | number | boolean | null> = {},
  ) {
    super(message);
    this.name = 'TeamActionError';
  }
}

export const answeredElsewhere = (name: string, agentId: string): TeamActionError =>
  new TeamActionError('CALL_ANSWERED_ELSEWHERE', 409, `The call was answered by ${name}`, { answeredBy: name, answeredById: agentId });

/** Someone else already decided the call: answered it (or placed it), or declined it for the team. */
export const takenBy = (holder: { name: string; agentId: string; action: string }): TeamActionError =>
  holder.action === 'reject'
    ? new TeamActionError('CALL_DECLINED_ELSEWHERE', 409, `The call was declined by ${holder.name}`, { declinedBy: holder.name, declinedById: holder.agentId })
    : answeredElsewhere(holder.name, holder.agentId);

/** What an agent reads of any failure: Pilot Status's own code and status pass through; internals do not. */
export const toTeamError = (error: unknown): TeamError => {
  if (error instanceof TeamActionError) return { code: error.code, message: error.message, status: error.status, details: error.details };
  if (error instanceof PilotApiError) {
    const status = error.status ?? (error.kind === 'timeout' ? 504 : 502);
    const details: Record<string, string | number> = { ...error.extra };
    if (error.retryAfterMs !== undefined) details.retryAfterMs = error.retryAfterMs;
    return { code: error.code, message: error.message, status, details };
  }
  return { code: 'TEAM_SERVER_ERROR', message: 'The team server could not complete the request', status: 500 };
};
