import type { AccountView, AppInfo, Locale, Settings } from '../../preload/contract';
import { CallHistory } from './call-log/call-history';
import { CallLogRepository } from './call-log/call-log-repository';
import type { CallLogDatabase } from './call-log/database';
import type { ExportDestination } from './call-log/export-destination';
import type { CallLogRecovery } from './call-log/open-call-log';
import { CallService, type EventSink } from './calls/call-service';
import type { Clock } from './clock';
import { createDispatcher, type CommandHandlers, type Dispatch } from './commands/dispatcher';
import { MemoryCredentialStore, type CredentialStore } from './credentials/credential-store';
import type { DemoBackend } from './demo-backend';
import { unavailableDeploymentHandlers, type DeploymentHandlers } from './deployment/deployment-handlers';
import { AppFailure } from './errors';
import { createTranslator, resolveLocale, type Translate } from './i18n/translator';
import { LineManager, type LineAccount } from './lines/line-manager';
import type { Logger } from './logging/logger';
import type { Notifier } from './notifications/notifier';
import { webCallCommands, webCommandHandlers } from './providers/evo-go/web-call-commands';
import { WebMediaService } from './providers/evo-go/web-media-service';
import { defaultBaseUrl, type SettingsStore } from './settings/settings-store';
import type { ManagedPolicy } from './settings/policy/managed-policy';
import { metaCommandHandlers } from './providers/meta/meta-commands';
import { PermissionService } from './providers/meta/permissions';

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
}

/**
 * The core assembled: lines and their pollers, the call service, the call
 * log, settings and keys, exposed to the hosts as one `dispatch` function
 * over the contract. Hosts add windows, sockets and OS glue; nothing here
 * knows which host it runs in.
 */
export class Softphone {
  readonly dispatch: Dispatch;
  readonly calls: CallService;
  readonly lines: LineManager;
  readonly history: CallHistory;
  readonly permissions: PermissionService;
  /** Realtime audio of web-number calls; hosts attach the renderer's binary channel to it. */
  readonly webMedia: WebMediaService;
  private readonly callLog: CallLogRepository;
  private readonly demoKeys = new MemoryCredentialStore();
  private translate: Translate = ((key: string) => key) as unknown as Translate;
  private mode: AppInfo['mode'] = 'live';

  constructor(private readonly deps: SoftphoneDeps) {
    // The call history sees every event first: call views feed its timeline, a line coming online reconciles.
    const emit: EventSink = (event, payload) => {
      this.history.observe(event, payload);
      deps.emit(event, payload);
    };
    this.callLog = new CallLogRepository(deps.callLogDb, () => deps.settings.settings.agentName);
    this.lines = new LineManager({
      clock: deps.clock,
      logger: deps.logger,
      emit,
      fetch: deps.fetch,
      credentialsFor: (account) => (account.demo ? this.demoKeys : deps.keychain),
      idleIntervalMs: () => deps.settings.settings.pollIntervalMs,
      onIntake: (accountId, event) => {
        this.calls.onIntake(accountId, event);
        // Whatever audio a call had (a supervisor's listen session included) ends with it.
        if (event.type === 'ended') this.webMedia.stop(event.call.id);
      },
    });
    this.webMedia = new WebMediaService({
      clock: deps.clock,
      logger: deps.logger,
      client: (accountId) => {
        const line = this.lines.get(accountId);
        return line?.provider === 'EVO_GO' ? line.client : undefined;
      },
      sampleRate: () => deps.settings.settings.sampleRate,
      changed: (callId) => this.calls.refresh(callId),
    });
    this.calls = new CallService({
      clock: deps.clock,
      logger: deps.logger,
      callLog: this.callLog,
      notifier: deps.notifier,
      emit,
      translate: () => this.translate,
      line: (accountId) => this.lines.get(accountId),
      webMedia: this.webMedia,
      preAcceptEnabled: () => deps.settings.settings.preAccept,
    });
    this.permissions = new PermissionService({
      clock: deps.clock,
      logger: deps.logger,
      emit: deps.emit,
      client: (accountId) => {
        const line = this.lines.get(accountId);
        if (!line) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
        return line.client;
      },
    });
    this.history = new CallHistory({
      db: deps.callLogDb,
      callLog: this.callLog,
      clock: deps.clock,
      logger: deps.logger.child({ part: 'history' }),
      emit,
      translate: () => this.translate,
      line: (accountId) => this.lines.get(accountId),
      isLive: (callId) => this.calls.list().some((call) => call.id === callId && call.phase !== 'ended'),
      destination: deps.exportDestination,
      recovery: deps.callLogRecovery ?? null,
    });
    this.dispatch = createDispatcher(this.handlers(), deps.logger);
  }

  async start(): Promise<void> {
    this.translate = await createTranslator(this.locale());
    const accounts = this.deps.settings.accounts;
    if (accounts.length === 0 && this.deps.demo) {
      await this.enterDemo();
    } else {
      this.mode = 'live';
      for (const account of accounts) this.lines.open({ ...account, demo: false });
    }
    this.deps.logger.info({ mode: this.mode, lines: this.lines.all().length, host: this.deps.host }, 'softphone started');
  }

  stop(): void {
    this.webMedia.stopAll();
    this.history.stop();
    this.permissions.stopAll();
    this.lines.closeAll();
    this.deps.notifier.dispose();
  }

  info(): AppInfo {
    return {
      version: this.deps.version,
      host: this.deps.host,
      mode: this.mode,
      locale: this.locale(),
      settings: this.deps.settings.settings,
    };
  }

  private locale(): Locale {
    return resolveLocale(this.deps.settings.settings.locale, this.deps.systemLocale);
  }

  private async enterDemo(): Promise<void> {
    const demo = this.deps.demo;
    if (!demo) return;
    await demo.start?.();
    this.mode = 'demo';
    for (const [index, line] of demo.lines.entries()) {
      const account: LineAccount = {
        id: `demo-${index + 1}`,
        label: this.translate(line.labelKey),
        labelKey: line.labelKey,
        provider: line.provider,
        baseUrl: line.baseUrl,
        demo: true,
      };
      await this.demoKeys.set(account.id, line.apiKey);
      this.lines.open(account);
    }
  }

  private leaveDemo(): void {
    if (this.mode !== 'demo') return;
    for (const line of this.lines.all().filter((l) => l.account.demo)) {
      this.webMedia.stopLine(line.id);
      this.lines.close(line.id);
      this.calls.forgetLine(line.id);
    }
    this.mode = 'live';
  }

  private accountsChanged(): void {
    this.deps.emit('accounts.changed', this.lines.views());
    this.deps.emit('app.changed', this.info());
  }

  private async addAccount(request: { label: string; provider: LineAccount['provider']; apiKey: string; baseUrl?: string | undefined }): Promise<AccountView> {
    const id = `line_${crypto.randomUUID()}`;
    this.deps.policy?.assertLineChange({ kind: 'add', provider: request.provider, baseUrl: request.baseUrl ?? defaultBaseUrl });
    // The key goes to the keychain first: if that fails nothing is saved and the form keeps what was typed.
    await this.deps.keychain.set(id, request.apiKey);
    const account = { id, label: request.label, provider: request.provider, baseUrl: request.baseUrl ?? defaultBaseUrl };
    try {
      this.deps.settings.saveAccount(account);
    } catch (error) {
      await this.deps.keychain.delete(id).catch(() => false);
      throw error;
    }
    this.leaveDemo();
    this.lines.open({ ...account, demo: false });
    this.deps.logger.info({ accountId: id, provider: account.provider }, 'line added');
    this.accountsChanged();
    return this.accountView(id);
  }

  private async updateAccount(request: { id: string; label?: string | undefined; apiKey?: string | undefined; baseUrl?: string | undefined }): Promise<AccountView> {
    const stored = this.deps.settings.accounts.find((a) => a.id === request.id);
    if (!stored) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured (demo lines cannot be edited).');
    const moves = request.baseUrl !== undefined && request.baseUrl !== stored.baseUrl;
    const renamesOrMoves = moves || (request.label !== undefined && request.label !== stored.label);
    this.deps.policy?.assertLineChange({ kind: 'update', id: stored.id, renamesOrMoves, baseUrl: moves ? request.baseUrl : undefined });
    if (request.apiKey) await this.deps.keychain.set(stored.id, request.apiKey);
    const account = { ...stored, label: request.label ?? stored.label, baseUrl: request.baseUrl ?? stored.baseUrl };
    this.deps.settings.saveAccount(account);
    this.lines.open({ ...account, demo: false });
    this.deps.logger.info({ accountId: account.id, keyReplaced: Boolean(request.apiKey) }, 'line updated');
    this.accountsChanged();
    return this.accountView(account.id);
  }

  private async removeAccount(id: string): Promise<{ removed: boolean }> {
    if (!this.deps.settings.accounts.some((a) => a.id === id)) return { removed: false };
    this.deps.policy?.assertLineChange({ kind: 'remove', id });
    this.webMedia.stopLine(id);
    this.lines.close(id);
    this.calls.forgetLine(id);
    this.permissions.forgetLine(id);
    this.deps.settings.removeAccount(id);
    await this.deps.keychain.delete(id).catch((error: unknown) => {
      this.deps.logger.warn({ accountId: id, err: error }, 'key could not be deleted from the keychain');
    });
    if (this.deps.settings.accounts.length === 0) await this.enterDemo();
    this.deps.logger.info({ accountId: id }, 'line removed');
    this.accountsChanged();
    return { removed: true };
  }

  private accountView(id: string): AccountView {
    const view = this.lines.views().find((v) => v.id === id);
    if (!view) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    return view;
  }

  private async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const settings = this.deps.settings.updateSettings(patch);
    if (patch.locale !== undefined) {
      this.translate = await createTranslator(this.locale());
      // The lines the app names itself (demo, audio test) are renamed in the new language.
      const renamed = this.lines.rename(({ account }) => (account.labelKey ? this.translate(account.labelKey) : undefined));
      if (renamed) this.deps.emit('accounts.changed', this.lines.views());
    }
    if (patch.pollIntervalMs !== undefined) this.lines.pollAll();
    this.deps.emit('app.changed', this.info());
    return settings;
  }

  private demoBackend(): DemoBackend {
    if (this.mode !== 'demo' || !this.deps.demo) throw new AppFailure('NOT_IN_DEMO', 'Simulated calls exist only in demo mode.');
    return this.deps.demo;
  }

  /** "Test my audio": the simulator's echo through a hidden Meta line, opened on first use. */
  private async audioTest(): Promise<{ accountId: string; echoNumber: string }> {
    await this.deps.demo?.start?.();
    const test = this.deps.demo?.audioTest;
    if (!test) throw new AppFailure('AUDIO_TEST_UNAVAILABLE', 'The audio test needs the built-in simulator, which is turned off (--no-demo).');
    const id = 'audio-test';
    if (!this.lines.get(id)) {
      await this.demoKeys.set(id, test.line.apiKey);
      const { labelKey } = test.line;
      this.lines.open({ id, label: this.translate(labelKey), labelKey, provider: 'META', baseUrl: test.line.baseUrl, demo: true, hidden: true });
    }
    return { accountId: id, echoNumber: test.echoNumber };
  }

  private handlers(): CommandHandlers {
    const meta = metaCommandHandlers({ calls: this.calls, lines: this.lines, permissions: this.permissions, audioTest: () => this.audioTest() });
    const webDeps = {
      calls: this.calls,
      media: this.webMedia,
      logger: this.deps.logger,
      client: (accountId: string) => this.lines.get(accountId)?.client,
      prompts: () => this.deps.settings.settings.prompts,
    };
    const web = webCallCommands(webDeps);
    const onWebNumber = (callId: string) => this.calls.callView(callId).provider === 'EVO_GO';
    return {
      ...meta,
      ...webCommandHandlers(webDeps),
      // Both kinds of number mute and hold; each keeps its own audio (WebRTC in the window, PCM on this side).
      'calls.mute': (request) => (onWebNumber(request.callId) ? web.control(request.callId, { muted: request.muted }) : meta['calls.mute'](request)),
      'calls.hold': (request) => (onWebNumber(request.callId) ? web.control(request.callId, { held: request.held }) : meta['calls.hold'](request)),
      'app.info': () => this.info(),
      'settings.update': (request) => this.updateSettings(request as Partial<Settings>),
      'accounts.list': () => this.lines.views(),
      'accounts.add': (request) => this.addAccount(request),
      'accounts.update': (request) => this.updateAccount(request),
      'accounts.remove': (request) => this.removeAccount(request.id),
      'connections.list': () => this.lines.connections(),
      'calls.list': () => this.calls.list(),
      'calls.answer': (request) => this.calls.answer(request.callId),
      'calls.decline': (request) => this.calls.decline(request.callId),
      'calls.hangup': (request) => this.calls.hangup(request.callId),
      'log.list': (request) => this.callLog.list(request),
      'demo.incomingCall': (request) => this.demoBackend().incomingCall(request.provider ?? 'EVO_GO'),
      'demo.customerHangup': async (request) => {
        await this.demoBackend().customerHangup(request.callId);
        return { ok: true as const };
      },
      'diagnostics.viewShown': (request) => {
        this.calls.viewShown(request.callId, request.shownAt);
        return { ok: true as const };
      },
      ...this.history.handlers(),
      ...(this.deps.deployment ?? unavailableDeploymentHandlers()),
    };
  }
}
