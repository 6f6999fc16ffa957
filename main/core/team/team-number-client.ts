import { TeamLineClient } from './team-line-client';

/**
 * A team number as the app's calls use it. Everything goes through the team
 * server, except Decline: on a number the team shares, an agent who declines
 * means "not me", so the call stops ringing for this agent only and keeps
 * ringing for the others (the team server's `call.reject` would end it for
 * the whole team, as Pilot Status's reject does). Nothing is sent: the
 * call machine reads the decline as done, and the call ends here as
 * declined while the team can still answer it.
 */
export class TeamNumberClient extends TeamLineClient {
  override async reject(_callId: string): Promise<unknown> {
    return { declinedFor: 'agent' };
  }
}
