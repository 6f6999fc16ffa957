import type { AppError, CommandRequest, PilotApi, Result, TeamCallView, TeamFeedView, TeamLineView } from '../../../../preload/contract';

/**
 * The team lines (connections to team servers) as the core reports them,
 * the supervisor view of each, and what the agent does with them. The agent
 * token goes from the form to the core once; nothing here keeps it.
 */
export class TeamLinesState {
  lines = $state<TeamLineView[]>([]);
  /** Supervisors: the latest view of each team line, by id. */
  feeds = $state<Record<string, TeamFeedView>>({});

  constructor(private readonly api: PilotApi) {
    api.on('team.changed', (lines) => (this.lines = lines));
    api.on('team.feed', (feed) => (this.feeds[feed.lineId] = feed));
  }

  /** First load and every reconnection. */
  async load(): Promise<void> {
    const result = await this.api.team.list({});
    if (!result.ok) return;
    this.lines = result.value;
    await Promise.all(this.supervised.map((line) => this.refreshFeed(line.id)));
  }

  /** Team lines whose agent is a supervisor and that are connected. */
  get supervised(): TeamLineView[] {
    return this.lines.filter((line) => line.agent?.role === 'supervisor' && line.state === 'ok');
  }

  /** Team lines whose connection needs the agent's attention or is not up yet. */
  get troubled(): TeamLineView[] {
    return this.lines.filter((line) => line.state !== 'ok');
  }

  label(id: string): string {
    return this.lines.find((line) => line.id === id)?.label ?? '';
  }

  add(request: CommandRequest<'team.add'>): Promise<Result<TeamLineView>> {
    return this.api.team.add(request);
  }

  update(request: CommandRequest<'team.update'>): Promise<Result<TeamLineView>> {
    return this.api.team.update(request);
  }

  remove(id: string): Promise<Result<{ removed: boolean }>> {
    return this.api.team.remove({ id });
  }

  async refreshFeed(id: string): Promise<AppError | null> {
    const result = await this.api.team.feed({ id });
    if (!result.ok) return result.error;
    this.feeds[id] = result.value;
    return null;
  }

  /** Supervisors: listen in to a live web-number call of the team; the call then shows with the others, with Stop listening. */
  async listen(lineId: string, call: TeamCallView): Promise<AppError | null> {
    const watched = await this.api.team.watch({ id: lineId, number: call.number, callId: call.callId });
    if (!watched.ok) return watched.error;
    const listening = await this.api.calls.listen({ callId: call.callId });
    return listening.ok ? null : listening.error;
  }
}
