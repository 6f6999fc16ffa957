import { z } from 'zod';
import type { Direction } from './calls';
import type { CallView } from './calls';
import type { Provider } from './constants';
import { command, id } from './define';
import type { AppError } from './result';

/** Agent tokens as the team server issues them: `pst_` and 43 base64url characters (256 random bits). */
export const agentTokenPattern = /^pst_[A-Za-z0-9_-]{43}$/;

/** `connecting`: not welcomed yet; `ok`: connected; `unreachable`: reconnecting; `unauthorized`: the token was refused or is missing. */
export type TeamLinkState = 'connecting' | 'ok' | 'unreachable' | 'unauthorized';
export type TeamPresenceStatus = 'available' | 'away' | 'dnd' | 'on-call' | 'offline';
export type TeamRole = 'agent' | 'supervisor';

/** A team number the agent serves, and the app's line for it (calls, dialing, the local log). */
export interface TeamNumberView {
  /** The team's name for the number, e.g. `support`. */
  id: string;
  label: string;
  provider: Provider;
  accountId: string;
}

/** What the agent sees of a team line (a connection to a team server). The agent token never leaves the main side. */
export interface TeamLineView {
  id: string;
  label: string;
  serverUrl: string;
  state: TeamLinkState;
  /** ISO time the state began. */
  since: string;
  error?: AppError;
  /** Who the token belongs to, once the server said. */
  agent?: { name: string; role: TeamRole };
  numbers: TeamNumberView[];
  /** Notes and dispositions written here that the team history does not have yet. */
  backlog: number;
}

/** One agent of the team as supervisors see them. */
export interface TeamAgentView {
  agentId: string;
  name: string;
  numbers: string[];
  status: TeamPresenceStatus;
  /** ISO time the status began. */
  since: string;
  callId?: string;
}

/** A call of the team, ringing or live, as supervisors see it. */
export interface TeamCallView {
  number: string;
  numberLabel: string;
  callId: string;
  peerNumber: string;
  direction: Direction;
  provider: Provider;
  /** ISO time of the call's last change. */
  since: string;
  answeredBy?: string;
  /** A live call a supervisor can listen in to (the number type allows it). */
  listenable?: boolean;
}

/** The supervisor view of one team line: who is available, what rings, what is live. */
export interface TeamFeedView {
  lineId: string;
  agents: TeamAgentView[];
  ringing: TeamCallView[];
  live: TeamCallView[];
  at: string;
}

const isLoopback = (hostname: string): boolean => hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);

const parsedUrl = (text: string): URL | null => {
  try {
    return new URL(text);
  } catch {
    return null;
  }
};

/**
 * A team server's address: `https://` or `wss://`; `http://` and `ws://`
 * only on this machine (the agent token must not travel in the clear), and
 * never with credentials in it (they would land in the settings file).
 */
export const teamServerUrl = z
  .string()
  .trim()
  .max(500, 'TEAM_URL_FORMAT')
  .refine((text) => {
    const url = parsedUrl(text);
    return url !== null && ['https:', 'wss:', 'http:', 'ws:'].includes(url.protocol) && url.hostname !== '' && !url.username && !url.password;
  }, 'TEAM_URL_FORMAT')
  .refine((text) => {
    const url = parsedUrl(text);
    return url === null || url.protocol === 'https:' || url.protocol === 'wss:' || isLoopback(url.hostname);
  }, 'TEAM_URL_INSECURE');

const teamToken = z.string().trim().regex(agentTokenPattern, 'TEAM_TOKEN_FORMAT');
const label = z.string().trim().min(1, 'LABEL_REQUIRED').max(60, 'LABEL_TOO_LONG');
const numberId = z.string().min(1).max(60);

export const teamCommands = {
  'team.list': command(z.object({}).strict()).returns<TeamLineView[]>(),
  /** The token goes to the OS keychain first; without a name the line is named after the server. */
  'team.add': command(z.object({ serverUrl: teamServerUrl, token: teamToken, label: label.optional() }).strict()).returns<TeamLineView>(),
  'team.update': command(z.object({ id, label: label.optional(), serverUrl: teamServerUrl.optional(), token: teamToken.optional() }).strict()).returns<TeamLineView>(),
  'team.remove': command(z.object({ id }).strict()).returns<{ removed: boolean }>(),
  /** Supervisors: the team's presence, ringing and live calls now (then pushed as `team.feed`). */
  'team.feed': command(z.object({ id }).strict()).returns<TeamFeedView>(),
  /** Supervisors: puts a live call of the team on screen, so it can be listened to (`calls.listen`). */
  'team.watch': command(z.object({ id, number: numberId, callId: id }).strict()).returns<CallView>(),
};

export interface TeamEvents {
  /** Every team line, after any of them changed (state, numbers, backlog, added, removed). */
  'team.changed': TeamLineView[];
  /** A supervisor's view of a team line changed. */
  'team.feed': TeamFeedView;
}
