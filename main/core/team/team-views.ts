import type { Direction, Provider, TeamCallView, TeamFeedView, TeamLineView as TeamLineContractView, TeamNumberView } from '../../../preload/contract';
import { isoTime } from '../clock';
import { normalizePeerNumber } from '../phone';
import type { StoredTeamLine } from '../settings/settings-store';
import type { SupervisorCall, SupervisorFeed } from './protocol';
import type { TeamLineView } from './team-line';

/** The app's line (account) id of a team number: one per team line and number. */
export const teamAccountId = (lineId: string, number: string): string => `${lineId}/${number}`;

/** What the window shows of a team line: its state, who the token is, its numbers; never the token. */
export const teamLineViewOf = (stored: StoredTeamLine, view: TeamLineView): TeamLineContractView => {
  const result: TeamLineContractView = {
    id: stored.id,
    label: stored.label,
    serverUrl: stored.serverUrl,
    state: view.state,
    since: isoTime(view.since),
    numbers: view.numbers.map((n): TeamNumberView => ({ id: n.id, label: n.label, provider: n.provider, accountId: teamAccountId(stored.id, n.id) })),
    backlog: view.backlog,
  };
  if (view.error) result.error = { code: view.error.code, message: view.error.message, ...(view.error.details ? { details: view.error.details } : {}) };
  if (view.agent) result.agent = { name: view.agent.name, role: view.agent.role };
  return result;
};

/** What the supervisor view needs to know of a number: its name, and whether its calls can be listened to. */
export interface FeedNumbers {
  labelOf(number: string): string;
  listenIn(provider: Provider): boolean;
}

const callViewOf = (call: SupervisorCall, numbers: FeedNumbers, live: boolean): TeamCallView => {
  const view: TeamCallView = {
    number: call.number,
    numberLabel: call.numberLabel ?? numbers.labelOf(call.number),
    callId: call.callId,
    peerNumber: normalizePeerNumber(call.peerNumber),
    direction: (call.direction.toUpperCase() === 'OUTBOUND' ? 'OUTBOUND' : 'INBOUND') satisfies Direction,
    provider: call.provider,
    since: isoTime(call.since),
  };
  if (call.answeredBy) view.answeredBy = call.answeredBy.name;
  if (live && numbers.listenIn(call.provider)) view.listenable = true;
  return view;
};

/** The supervisor view of a team line; numbers the agent does not serve keep the team's id as their name. */
export const teamFeedViewOf = (lineId: string, feed: SupervisorFeed, numbers: FeedNumbers): TeamFeedView => ({
  lineId,
  agents: feed.agents.map((a) => ({
    agentId: a.agentId,
    name: a.name,
    numbers: a.numbers,
    status: a.status,
    since: isoTime(a.since),
    ...(a.callId ? { callId: a.callId } : {}),
  })),
  ringing: feed.ringing.map((c) => callViewOf(c, numbers, false)),
  live: feed.live.map((c) => callViewOf(c, numbers, true)),
  at: isoTime(feed.at),
});
