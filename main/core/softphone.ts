import type { AppInfo, GlobalShortcutAction } from '../../preload/contract';
import { AvailabilityService } from './availability/availability-service';
import { Accounts } from './accounts/accounts';
import { CallHistory } from './call-log/call-history';
import { CallLogRepository } from './call-log/call-log-repository';
import { RecentCalls } from './call-log/recent-calls';
import type { CallLogDatabase } from './call-log/database';
import type { ExportDestination } from './call-log/export-destination';
import type { CallLogRecovery } from './call-log/open-call-log';
import { callHandlers, mediaReportHandlers } from './calls/call-handlers';
import { hotkeyCommand } from './calls/call-hotkeys';
import { CallRinger } from './calls/call-ringer';
import { CallService } from './calls/call-service';
import { ClickToCall } from './click-to-call/click-to-call';
import type { Clock } from './clock';
import { createDispatcher, type Dispatch } from './commands/dispatcher';
import { Contacts } from './contacts/contacts';
import { ContactsRepository } from './contacts/contacts-repository';
import { MemoryCredentialStore, type CredentialStore } from './credentials/credential-store';
import type { DemoBackend } from './demo-backend';
import { unavailableDeploymentHandlers, type DeploymentHandlers } from './deployment/deployment-handlers';
import { DemoMode } from './demo/demo-mode';
import { DomainEvents } from './domain-events';
import { AppFailure } from './errors';
import { AppLanguage } from './i18n/app-language';
import { LineManager } from './lines/line-manager';
import type { Logger } from './logging/logger';
import type { Notifier } from './notifications/notifier';
import type { EventSink } from './ports';
import { webNumberHandlers } from './providers/evo-go/web-number-handlers';
import { WebMediaService } from './providers/evo-go/web-media-service';
import { metaNumberHandlers } from './providers/meta/meta-number-handlers';
import { PermissionService } from './providers/meta/permissions';
import { lineFeatures, mediaDriverPicker } from './providers/number-types';
import { dispositionCheck } from './settings/dispositions';
import { settingsHandlers } from './settings/settings-handlers';
import type { ManagedPolicy } from './settings/policy/managed-policy';
import type { SettingsStore } from './settings/settings-store';
import type { BacklogStore } from './team/annotation-backlog';
import { MemoryBacklogStore } from './team/backlog-file';
import { historyHandlersWithSources } from './team/team-history-source';
import { TeamLines } from './team/team-lines';
import { teamPresenceOf } from './team/team-presence';

export interface SoftphoneDeps {
  host: AppInfo['host'];
  version: string;
  clock: Clock;
  logger: Logger;
  settings: SettingsStore;
  keychain: CredentialStore;
  callLogDb: CallLogDatabase;
  notifier: Notifier;
  emit: EventSink;
  systemLocale: string;
  /** The simulator, used while no account is configured. */
  demo?: DemoBackend;
  fetch?: typeof fetch;
  /** Where CSV exports are saved (the host's "save file"). */
  exportDestination?: ExportDestination;
  /** Set when the call log found at start was damaged and set aside. */
  callLogRecovery?: CallLogRecovery | null;
  /** Admin policy: refuses line changes it does not allow before any key is written. */
  policy?: Pick<ManagedPolicy, 'assertLineChange'>;
  /** Admin policy, diagnostics export and updates, assembled by the runtime. */
  deployment?: DeploymentHandlers;
  /** Where each team line's notes wait for the team history (a file in the profile); in memory without it. */
  teamBacklog?: (teamLineId: string) => BacklogStore;
}

/**
 * The composition root: builds the core's parts, connects them through
 * domain events and ports, and joins each domain's command handlers into one
 * `dispatch` over the contract. Hosts add windows, sockets and OS glue;
 * nothing here knows which host it runs in, and nothing here does a domain's work.
 */
export class Softphone {
  readonly dispatch: Dispatch;
  readonly calls: CallService;
  readonly lines: LineManager;
  readonly history: CallHistory;
  readonly permissions: PermissionService;
  /** Realtime audio of web-number calls; hosts attach the renderer's binary channel to it. */
  readonly webMedia: WebMediaService;
  /** Team lines (team servers), beside the direct lines; `teams.setAvailability` reports the agent's presence to them. */
  readonly teams: TeamLines;
  readonly events = new DomainEvents();
  /** The agent's availability: whether calls ring, Busy and wrap-up, auto-answer. */
  readonly availability: AvailabilityService;
  /** Numbers to dial from outside the window (`--call`, links, a second start). */
  readonly clickToCall: ClickToCall;
  readonly contacts: Contacts;
  private readonly language: AppLanguage;
  private globalShortcutsRefused: string[] = [];
  private readonly demo: DemoMode;
  private readonly accounts: Accounts;

  constructor(private readonly deps: SoftphoneDeps) {
    const { clock, logger, settings, emit } = deps;
    const demoKeys = new MemoryCredentialStore();
    this.language = new AppLanguage(() => settings.settings.locale, deps.systemLocale);
    const translate = this.language.translate;
    // The window hears of a call first (a ringing call must show at once); the call log subscribes after it.
    this.events.on('call.transitioned', ({ view }) => emit('calls.changed', view));
    this.lines = new LineManager({
      clock,
      logger,
      emit,
      events: this.events,
      featuresOf: lineFeatures,
      fetch: deps.fetch,
      credentialsFor: (account) => (account.demo ? demoKeys : deps.keychain),
      idleIntervalMs: () => settings.settings.pollIntervalMs,
      onIntake: (accountId, event) => this.calls.onIntake(accountId, event),
    });
    const line = (accountId: string) => this.lines.get(accountId);
    this.contacts = new Contacts({ repository: new ContactsRepository(deps.callLogDb), clock, events: this.events, emit, logger: logger.child({ part: 'contacts' }) });
    const contactName = this.contacts.nameFor;
    this.webMedia = new WebMediaService({ clock, logger, client: (accountId) => line(accountId)?.client, sampleRate: () => settings.settings.sampleRate });
    this.calls = new CallService({
      clock,
      logger,
      events: this.events,
      ringer: new CallRinger({ notifier: deps.notifier, emit, logger, translate }),
      line,
      media: mediaDriverPicker({ clock, logger, emit, line, webMedia: this.webMedia, preAcceptEnabled: () => settings.settings.preAccept }),
      ringGate: () => this.availability.quietReason(),
      contactName,
    });
    this.permissions = new PermissionService({
      clock,
      logger,
      emit,
      client: (accountId) => {
        const found = line(accountId);
        if (!found) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
        return found.client;
      },
    });
    this.history = new CallHistory({
      db: deps.callLogDb,
      callLog: new CallLogRepository(deps.callLogDb, () => settings.settings.agentName),
      clock,
      logger: logger.child({ part: 'history' }),
      emit,
      events: this.events,
      translate,
      // Team numbers are not reconciled: their team server keeps the history.
      line: (accountId) => this.lines.reconcilable(accountId),
      isLive: (callId) => this.calls.list().some((call) => call.id === callId && call.phase !== 'ended'),
      isOnScreen: (callId) => this.calls.trackedOrNone(callId) !== undefined,
      contactName,
      checkDisposition: dispositionCheck(() => settings.settings),
      destination: deps.exportDestination,
      recovery: deps.callLogRecovery ?? null,
    });
    this.availability = new AvailabilityService({
      clock,
      logger,
      events: this.events,
      emit,
      store: settings,
      answer: (callId) => this.calls.answer(callId),
      onChange: (view) => this.teams.setAvailability(teamPresenceOf(view)),
    });
    this.clickToCall = new ClickToCall({ clock, emit, logger });
    this.demo = new DemoMode({ backend: deps.demo, lines: this.lines, calls: this.calls, keys: demoKeys, translate });
    const linesChanged = () => {
      emit('accounts.changed', this.lines.views());
      emit('app.changed', this.info());
    };
    this.teams = new TeamLines({
      settings,
      keychain: deps.keychain,
      lines: this.lines,
      featuresOf: lineFeatures,
      calls: this.calls,
      forgetLine: (accountId) => {
        this.calls.forgetLine(accountId);
        this.permissions.forgetLine(accountId);
      },
      backlog: deps.teamBacklog ?? (() => new MemoryBacklogStore()),
      clock,
      logger: logger.child({ part: 'team' }),
      emit,
      policy: deps.policy,
      changed: linesChanged,
      added: () => {
        this.demo.leave();
        linesChanged();
      },
      removed: async () => {
        if (settings.accounts.length === 0 && settings.teamLines.length === 0) await this.demo.enter();
        linesChanged();
      },
    });
    // The team lines open with the availability the agent left the app in.
    this.teams.setAvailability(teamPresenceOf(this.availability.view()));
    this.accounts = new Accounts({
      settings,
      keychain: deps.keychain,
      lines: this.lines,
      calls: this.calls,
      permissions: this.permissions,
      demo: this.demo,
      policy: deps.policy,
      logger,
      changed: linesChanged,
    });
    this.dispatch = createDispatcher(
      {
        ...settingsHandlers({ settings, language: this.language, lines: this.lines, emit, info: () => this.info() }),
        ...this.accounts.handlers(),
        ...callHandlers(this.calls),
        ...mediaReportHandlers(this.calls),
        ...webNumberHandlers({ calls: this.calls, media: this.webMedia, logger, line, prompts: () => settings.settings.prompts }),
        ...metaNumberHandlers({ permissions: this.permissions, client: (accountId) => line(accountId)?.client, features: (accountId) => line(accountId)?.features }),
        ...this.demo.handlers(),
        ...historyHandlersWithSources({ local: this.history.handlers(), teams: this.teams, exports: this.history.exports, locale: () => this.language.locale, clock, logger }),
        ...this.teams.handlers(),
        ...(deps.deployment ?? unavailableDeploymentHandlers()),
        ...new RecentCalls(deps.callLogDb).handlers(),
        ...this.availability.handlers(),
        ...this.clickToCall.handlers(),
        ...this.contacts.handlers(),
      },
      logger,
    );
  }

  async start(): Promise<void> {
    await this.language.load();
    const { accounts, teamLines } = this.deps.settings;
    if (accounts.length > 0 || teamLines.length > 0 || !(await this.demo.enter())) this.accounts.openAll();
    this.teams.openAll();
    this.deps.logger.info({ mode: this.demo.mode, lines: this.lines.all().length, host: this.deps.host }, 'softphone started');
  }

  stop(): void {
    this.availability.stop();
    this.calls.stopAll();
    this.webMedia.stopAll();
    this.history.stop();
    this.permissions.stopAll();
    this.teams.stopAll();
    this.lines.closeAll();
    this.deps.notifier.dispose();
  }

  info(): AppInfo {
    const info: AppInfo = { version: this.deps.version, host: this.deps.host, mode: this.demo.mode, locale: this.language.locale, settings: this.deps.settings.settings };
    if (this.globalShortcutsRefused.length) info.globalShortcutsRefused = this.globalShortcutsRefused;
    return info;
  }

  /** A system-wide key was pressed (desktop app): answers, hangs up or mutes the call it applies to; false when none does. */
  async hotkey(action: GlobalShortcutAction): Promise<boolean> {
    const target = hotkeyCommand(this.calls.list(), action);
    if (!target) return false;
    if (target.command === 'answer') await this.calls.answer(target.callId);
    else if (target.command === 'hangup') await this.calls.hangup(target.callId);
    else this.calls.control(target.callId, { muted: target.muted });
    return true;
  }

  /** The desktop app says which system-wide keys another program holds, for the settings to name them. */
  reportGlobalShortcuts(refused: readonly string[]): void {
    this.globalShortcutsRefused = [...refused];
    this.deps.emit('app.changed', this.info());
  }
}
