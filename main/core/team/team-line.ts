import type { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CallDetail, HistoryFilter, HistoryPage, HistorySort, HistoryStats, Locale } from '../../../preload/contract';
import type { Clock } from '../clock';
import type { CredentialStore } from '../credentials/credential-store';
import type { IntakeEvent } from '../events/call-diff';
import type { Logger } from '../logging/logger';
import { AnnotationBacklog, type BacklogStore, type PendingAnnotation } from './annotation-backlog';
import type { AgentStatus, AnsweredBy, PresenceView, SupervisorFeed, TeamAgentView, TeamError, TeamEvent, TeamNumberView } from './protocol';
import { TeamCallIntake } from './team-call-intake';
import { TeamConnection, teamFailure, type TeamLinkState } from './team-connection';
import { TeamLineClient } from './team-line-client';

/** The team line's state for the status bar. */
export interface TeamLineView {
  state: TeamLinkState;
  /** Epoch ms the state began. */
  since: number;
  error?: TeamError;
  agent?: TeamAgentView;
  numbers: TeamNumberView[];
  presence?: PresenceView;
  /** The team-server instance the line is connected to. */
  instance?: string;
  /** Annotations not yet in the team history. */
  backlog: number;
}

export interface TeamLineOptions {
  /** The app's id for the line: its agent token is kept in the keychain under it. */
  lineId: string;
  urls: readonly string[];
  credentials: CredentialStore;
  backlog: BacklogStore;
  clock: Clock;
  logger: Logger;
  /** A call event for one of the team numbers, as a direct line's poller would produce it. */
  onIntake: (number: string, event: IntakeEvent, answeredBy?: AnsweredBy) => void;
  onView?: (view: TeamLineView) => void;
  onFeed?: (feed: SupervisorFeed) => void;
  onPermission?: (number: string, payload: Record<string, unknown>) => void;
  /** Every stream entry as delivered, before the line's own dedupe (diagnostics, benchmarks). */
  onDelivered?: (id: string, ring: boolean, event: TeamEvent) => void;
  initialStatus?: AgentStatus;
  tls?: ConstructorParameters<typeof TeamConnection>[0]['tls'];
}

/**
 * A team line: the app's side of the team server. It connects with the
 * agent token from the keychain, feeds the team's call events into the
 * app as intake events, gives each team number a Pilot-client-shaped
 * client whose requests the server carries out, reports the agent's
 * presence, keeps the annotation backlog and queries the team history.
 * (The app plugs it in beside direct lines; a direct line keeps polling
 * with its own key.)
 */
export class TeamLine {
  readonly connection: TeamConnection;
  readonly backlog: AnnotationBacklog;
  private readonly intake = new TeamCallIntake();
  private readonly clients = new Map<string, TeamLineClient>();
  private status: AgentStatus;
  private current: TeamLineView;

  constructor(private readonly options: TeamLineOptions) {
    this.status = options.initialStatus ?? 'available';
    this.current = { state: 'connecting', since: options.clock.now(), numbers: [], backlog: 0 };
    this.backlog = new AnnotationBacklog({
      store: options.backlog,
      clock: options.clock,
      logger: options.logger,
      upload: (item) => this.connection.request('history.annotate', { ...item }),
    });
    this.connection = new TeamConnection({
      urls: options.urls,
      token: () => options.credentials.get(options.lineId),
      clock: options.clock,
      logger: options.logger,
      status: () => this.status,
      tls: options.tls,
      onWelcome: (welcome) => this.update({ agent: welcome.agent, numbers: welcome.numbers, presence: welcome.presence, instance: welcome.instance }),
      onSnapshot: (snapshot) => {
        for (const { ring, event } of snapshot.calls) this.take(event, ring);
      },
      onEvent: (message) => {
        const { event } = message;
        options.onDelivered?.(message.id, message.ring, event);
        if (event.kind === 'call') this.take(event, message.ring);
        else if (event.kind === 'permission') options.onPermission?.(event.number, event.payload);
      },
      onFeed: (feed) => options.onFeed?.(feed),
      onState: (state, error) => {
        this.update({ state, since: options.clock.now(), error });
        // The status bar shows what is still waiting: tell it once the backlog went up.
        if (state === 'ok') void this.backlog.flush().finally(() => this.update({}));
      },
    });
  }

  async start(): Promise<void> {
    await this.backlog.load();
    this.update({ backlog: this.backlog.size() });
    this.connection.start();
  }

  stop(): void {
    this.connection.stop();
    this.backlog.stop();
  }

  view(): TeamLineView {
    return { ...this.current, backlog: this.backlog.size() };
  }

  /** The client of one team number (what a direct line's Pilot client is to it). */
  client(number: string): TeamLineClient {
    let client = this.clients.get(number);
    if (!client) this.clients.set(number, (client = new TeamLineClient(this.connection, number)));
    return client;
  }

  answeredBy(callId: string): AnsweredBy | undefined {
    return this.intake.answeredByOf(callId);
  }

  /** Sets the agent's presence; kept and announced again after every reconnection. */
  async setPresence(status: AgentStatus): Promise<void> {
    this.status = status;
    if (this.connection.state === 'ok') await this.connection.request('presence.set', { status });
  }

  /** Records what the agent wrote about a call (complete state); it reaches the team history when the server can be reached. */
  async annotate(annotation: PendingAnnotation): Promise<void> {
    await this.backlog.add(annotation);
    this.update({});
    if (this.connection.state === 'ok') await this.backlog.flush();
    this.update({});
  }

  queryHistory(request: { filter?: HistoryFilter; sort?: HistorySort; limit?: number; after?: number[] }): Promise<HistoryPage> {
    return this.connection.request('history.query', request);
  }

  historyStats(filter: HistoryFilter = {}): Promise<HistoryStats> {
    return this.connection.request('history.stats', { filter });
  }

  historyCall(callId: string): Promise<CallDetail> {
    return this.connection.request('history.get', { callId });
  }

  /** Supervisors: who is available, which calls ring, which are live. */
  feed(): Promise<SupervisorFeed> {
    return this.connection.request('team.feed', {});
  }

  /**
   * Streams the team history under a filter as CSV into `out` (the server
   * streams it; nothing is held in memory here). The token goes from the
   * keychain to the request header only.
   */
  async exportHistory(filter: HistoryFilter, sort: HistorySort, locale: Locale, out: Writable, signal?: AbortSignal): Promise<void> {
    const token = await this.options.credentials.get(this.options.lineId);
    const base = new URL(this.options.urls[0]!);
    base.protocol = base.protocol === 'wss:' ? 'https:' : base.protocol === 'ws:' ? 'http:' : base.protocol;
    const url = new URL('/v1/history/export', base);
    url.searchParams.set('filter', JSON.stringify(filter));
    url.searchParams.set('sort', JSON.stringify(sort));
    url.searchParams.set('lang', locale);
    const response = await fetch(url, { headers: { authorization: `Bearer ${token ?? ''}` }, signal });
    if (!response.ok || !response.body) {
      const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
      throw teamFailure({ code: body.code ?? `HTTP_${response.status}`, message: body.message ?? 'The export failed', status: response.status });
    }
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), out, signal ? { signal } : {});
  }

  private take(event: Parameters<TeamCallIntake['apply']>[0], ring: boolean): void {
    const result = this.intake.apply(event, ring);
    if (!result) return;
    try {
      this.options.onIntake(event.number, result.event, result.answeredBy);
    } catch (error) {
      this.options.logger.error({ err: error, callId: event.call.id }, 'team call event handler failed');
    }
  }

  private update(patch: Partial<TeamLineView>): void {
    this.current = { ...this.current, ...patch, backlog: this.backlog.size() };
    this.options.onView?.(this.view());
  }
}
