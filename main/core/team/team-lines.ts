import type { ConnectionState, LineFeatures, Provider, TeamLineView as TeamLineContractView } from '../../../preload/contract';
import type { CallService } from '../calls/call-service';
import type { Clock } from '../clock';
import type { Handlers } from '../commands/dispatcher';
import type { CredentialStore } from '../credentials/credential-store';
import { AppFailure } from '../errors';
import type { LineManager } from '../lines/line-manager';
import type { Logger } from '../logging/logger';
import type { EventSink } from '../ports';
import type { ManagedPolicy } from '../settings/policy/managed-policy';
import type { SettingsStore, StoredTeamLine } from '../settings/settings-store';
import type { BacklogStore } from './annotation-backlog';
import type { AgentStatus } from './protocol';
import { TeamLine, type TeamLineView } from './team-line';
import { TeamLineNumbers } from './team-line-numbers';
import { TeamSupervision } from './team-supervision';
import { teamLineViewOf } from './team-views';

export interface TeamLinesDeps {
  settings: Pick<SettingsStore, 'teamLines' | 'saveTeamLine' | 'removeTeamLine'>;
  /** The OS keychain: each team line's agent token, under the line's id. */
  keychain: CredentialStore;
  lines: Pick<LineManager, 'attach' | 'close' | 'setConnection'>;
  /** What a number type can do (the provider profiles): supervisors listen in where it allows. */
  featuresOf: (provider: Provider) => LineFeatures;
  calls: Pick<CallService, 'onIntake' | 'watch' | 'stopFollowing'>;
  /** A number's line went away: its calls and permissions are forgotten. */
  forgetLine: (accountId: string) => void;
  /** Where a team line's notes wait for the team history (a file in the profile). */
  backlog: (lineId: string) => BacklogStore;
  clock: Clock;
  logger: Logger;
  emit: EventSink;
  policy?: Pick<ManagedPolicy, 'assertLineChange'>;
  /** The listed lines changed (a team line's numbers): the window is told. */
  changed: () => void;
  /** A team line was added (demo mode ends) or the last one removed (it may come back). */
  added: () => void;
  removed: () => Promise<void>;
}

interface OpenTeamLine {
  stored: StoredTeamLine;
  line: TeamLine;
  numbers: TeamLineNumbers;
  supervision: TeamSupervision;
}

type TeamCommand = 'team.list' | 'team.add' | 'team.update' | 'team.remove' | 'team.feed' | 'team.watch';

const connectionStates: Record<TeamLineView['state'], ConnectionState> = { connecting: 'connecting', ok: 'ok', unreachable: 'unreachable', unauthorized: 'unauthorized' };

/**
 * The app's team lines, beside its direct lines: one {@link TeamLine} per
 * team server, whose agent token is in the OS keychain, giving the line
 * manager a line per team number the agent serves. Their calls go into the
 * same call service as a direct line's poll; their requests go through the
 * team server. The agent's presence is reported to every team server.
 */
export class TeamLines {
  private readonly open = new Map<string, OpenTeamLine>();
  private availability: AgentStatus = 'available';

  constructor(private readonly deps: TeamLinesDeps) {}

  /** Opens the configured team lines at start. */
  openAll(): void {
    for (const stored of this.deps.settings.teamLines) this.start(stored);
  }

  get count(): number {
    return this.open.size;
  }

  async add(request: { serverUrl: string; token: string; label?: string | undefined }): Promise<TeamLineContractView> {
    const id = `team_${crypto.randomUUID()}`;
    this.deps.policy?.assertLineChange({ kind: 'add' });
    // The token goes to the keychain first: if that fails nothing is saved and the form keeps what was typed.
    await this.deps.keychain.set(id, request.token);
    const stored: StoredTeamLine = { id, label: request.label ?? new URL(request.serverUrl).host, serverUrl: request.serverUrl };
    try {
      this.deps.settings.saveTeamLine(stored);
    } catch (error) {
      await this.deps.keychain.delete(id).catch(() => false);
      throw error;
    }
    this.deps.added();
    this.start(stored);
    this.deps.logger.info({ teamLineId: id }, 'team line added');
    this.announce();
    return this.view(id);
  }

  async update(request: { id: string; label?: string | undefined; serverUrl?: string | undefined; token?: string | undefined }): Promise<TeamLineContractView> {
    const current = this.entry(request.id);
    this.deps.policy?.assertLineChange({ kind: 'update', id: request.id, renamesOrMoves: request.label !== undefined || request.serverUrl !== undefined });
    if (request.token) await this.deps.keychain.set(request.id, request.token);
    const stored: StoredTeamLine = { ...current.stored, label: request.label ?? current.stored.label, serverUrl: request.serverUrl ?? current.stored.serverUrl };
    this.deps.settings.saveTeamLine(stored);
    if (stored.serverUrl !== current.stored.serverUrl) {
      this.stop(current);
      this.start(stored);
    } else {
      current.stored = stored;
      // A new token is tried at once, also after the old one was refused.
      if (request.token) current.line.connection.reconnectNow();
    }
    this.deps.logger.info({ teamLineId: request.id, tokenReplaced: Boolean(request.token) }, 'team line updated');
    this.announce();
    return this.view(request.id);
  }

  async remove(id: string): Promise<{ removed: boolean }> {
    const current = this.open.get(id);
    if (!current) return { removed: false };
    this.deps.policy?.assertLineChange({ kind: 'remove', id });
    this.stop(current);
    this.deps.settings.removeTeamLine(id);
    await this.deps.keychain.delete(id).catch((error: unknown) => this.deps.logger.warn({ teamLineId: id, err: error }, 'agent token could not be deleted from the keychain'));
    this.deps.logger.info({ teamLineId: id }, 'team line removed');
    this.announce();
    await this.deps.removed();
    return { removed: true };
  }

  /**
   * Sets the agent's availability on every team server (and for team lines
   * opened later): calls ring only agents available on their number. The app
   * starts Available.
   */
  setAvailability(status: AgentStatus): void {
    this.availability = status;
    for (const { line, stored } of this.open.values()) {
      line.setPresence(status).catch((error: unknown) => this.deps.logger.warn({ teamLineId: stored.id, code: (error as { code?: string }).code }, 'presence not reported; sent again on reconnection'));
    }
  }

  /** A team line's client of its team server; TEAM_LINE_NOT_FOUND when it was removed. */
  line(id: string): TeamLine {
    return this.entry(id).line;
  }

  /** The team line a line (account) of the app belongs to, if it is a team number. */
  lineOfAccount(accountId: string): TeamLine | undefined {
    for (const { line, stored } of this.open.values()) if (accountId.startsWith(`${stored.id}/`)) return line;
    return undefined;
  }

  views(): TeamLineContractView[] {
    return [...this.open.values()].map(({ stored, line }) => teamLineViewOf(stored, line.view()));
  }

  stopAll(): void {
    for (const entry of this.open.values()) entry.line.stop();
  }

  handlers(): Handlers<TeamCommand> {
    return {
      'team.list': () => this.views(),
      'team.add': (request) => this.add(request),
      'team.update': (request) => this.update(request),
      'team.remove': ({ id }) => this.remove(id),
      'team.feed': ({ id }) => this.entry(id).supervision.refresh(),
      'team.watch': ({ id, number, callId }) => this.entry(id).supervision.watch(number, callId),
    };
  }

  private entry(id: string): OpenTeamLine {
    const found = this.open.get(id);
    if (!found) throw new AppFailure('TEAM_LINE_NOT_FOUND', 'That team line is not configured.');
    return found;
  }

  private view(id: string): TeamLineContractView {
    const { stored, line } = this.entry(id);
    return teamLineViewOf(stored, line.view());
  }

  private start(stored: StoredTeamLine): void {
    const { deps } = this;
    const logger = deps.logger.child({ teamLineId: stored.id });
    // Callbacks reach this line's entry while it is the open one (a line replaced after a new address goes quiet).
    const self = (): OpenTeamLine | undefined => {
      const open = this.open.get(stored.id);
      return open?.line === line ? open : undefined;
    };
    const line: TeamLine = new TeamLine({
      lineId: stored.id,
      urls: [stored.serverUrl],
      credentials: deps.keychain,
      backlog: deps.backlog(stored.id),
      clock: deps.clock,
      logger,
      initialStatus: this.availability,
      onIntake: (number, event, answeredBy) => {
        const accountId = self()?.numbers.accountOf(number);
        if (accountId) deps.calls.onIntake(accountId, event, answeredBy?.name);
      },
      onView: (view) => {
        const entry = self();
        if (entry) this.viewChanged(entry, view);
      },
      onFeed: (feed) => self()?.supervision.feedChanged(feed),
    });
    const numbers = new TeamLineNumbers({ lineId: stored.id, serverUrl: stored.serverUrl, lines: deps.lines, connection: line.connection, forgetLine: deps.forgetLine });
    const listenIn = (provider: Provider) => deps.featuresOf(provider).listenIn;
    const supervision = new TeamSupervision({ lineId: stored.id, line, numbers, calls: deps.calls, listenIn, emit: deps.emit, logger });
    this.open.set(stored.id, { stored, line, numbers, supervision });
    line.start().catch((error: unknown) => logger.error({ err: error }, 'team line could not start'));
  }

  private stop(entry: OpenTeamLine): void {
    entry.line.stop();
    entry.numbers.closeAll();
    this.open.delete(entry.stored.id);
  }

  private viewChanged(entry: OpenTeamLine, view: TeamLineView): void {
    if (view.agent) entry.numbers.setRole(view.agent.role);
    const listed = view.state === 'ok' && entry.numbers.sync(view.numbers);
    entry.numbers.setConnection(connectionStates[view.state], view.error);
    if (listed) this.deps.changed();
    entry.supervision.stateChanged(view.state, view.agent?.role);
    this.announce();
  }

  private announce(): void {
    this.deps.emit('team.changed', this.views());
  }
}
