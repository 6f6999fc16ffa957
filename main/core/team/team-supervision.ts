import type { CallView, Provider, TeamFeedView, TeamLinkState } from '../../../preload/contract';
import type { CallService } from '../calls/call-service';
import { AppFailure } from '../errors';
import type { Logger } from '../logging/logger';
import { pilotCallSchema } from '../pilot/call-schema';
import type { EventSink } from '../ports';
import type { AgentRole, SupervisorCall, SupervisorFeed } from './protocol';
import type { TeamLine } from './team-line';
import type { TeamLineNumbers } from './team-line-numbers';
import { teamFeedViewOf } from './team-views';

export interface TeamSupervisionDeps {
  lineId: string;
  line: Pick<TeamLine, 'feed'>;
  numbers: Pick<TeamLineNumbers, 'labelOf' | 'ensure'>;
  calls: Pick<CallService, 'watch' | 'stopFollowing'>;
  /** Whether a number type's calls can be listened to (the provider profiles). */
  listenIn: (provider: Provider) => boolean;
  emit: EventSink;
  logger: Logger;
}

/**
 * A supervisor's view of one team line: who is available, which calls ring
 * and which are live (the team server pushes it as it changes; it is asked
 * for once on connecting), and live calls put on screen to be listened to.
 * The team server decides who may see and hear what: an agent's request is
 * refused there (`SUPERVISORS_ONLY`).
 */
export class TeamSupervision {
  private feed: SupervisorFeed | null = null;
  private state: TeamLinkState | null = null;
  /** Calls put on screen from the feed; each leaves when the feed no longer lists it as live. */
  private readonly watched = new Set<string>();

  constructor(private readonly deps: TeamSupervisionDeps) {}

  /** The team line's connection changed: a supervisor gets the feed as it is now. */
  stateChanged(state: TeamLinkState, role: AgentRole | undefined): void {
    if (state === this.state) return;
    this.state = state;
    if (state !== 'ok' || role !== 'supervisor') return;
    this.refresh().catch((error: unknown) => this.deps.logger.warn({ code: (error as { code?: string }).code }, 'supervisor feed not loaded'));
  }

  /** Asks the team server for the feed now. */
  async refresh(): Promise<TeamFeedView> {
    const feed = await this.deps.line.feed();
    this.feedChanged(feed);
    return this.viewOf(feed);
  }

  feedChanged(feed: SupervisorFeed): void {
    if (this.feed && feed.at < this.feed.at) return;
    this.feed = feed;
    for (const callId of [...this.watched]) {
      if (feed.live.some((c) => c.callId === callId)) continue;
      this.watched.delete(callId);
      this.deps.calls.stopFollowing(callId);
    }
    this.deps.emit('team.feed', this.viewOf(feed));
  }

  /** Puts a live call of the team on screen (on a line of its number, listed or not), ready for `calls.listen`. */
  async watch(number: string, callId: string): Promise<CallView> {
    const call = this.live(number, callId) ?? ((await this.refresh()) && this.live(number, callId));
    if (!call) throw new AppFailure('CALL_NOT_LIVE', 'Only a call in progress can be listened to.');
    if (!this.deps.listenIn(call.provider)) throw new AppFailure('FEATURE_NOT_SUPPORTED', 'Listening in works on web numbers only.');
    const accountId = this.deps.numbers.ensure(number, call.provider, call.numberLabel);
    const pilotCall = pilotCallSchema.parse({ id: call.callId, status: call.status, peerNumber: call.peerNumber, direction: call.direction });
    const view = this.deps.calls.watch(accountId, pilotCall, call.answeredBy?.name);
    this.watched.add(callId);
    return view;
  }

  private live(number: string, callId: string): SupervisorCall | undefined {
    return this.feed?.live.find((c) => c.number === number && c.callId === callId);
  }

  private viewOf(feed: SupervisorFeed): TeamFeedView {
    return teamFeedViewOf(this.deps.lineId, feed, { labelOf: (number) => this.deps.numbers.labelOf(number), listenIn: this.deps.listenIn });
  }
}
