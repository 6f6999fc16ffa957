import type { AccountView, AppError, ConnectionState, ConnectionView, LineFeatures, Provider } from '../../../preload/contract';
import { isoTime, type Clock } from '../clock';
import type { CredentialStore } from '../credentials/credential-store';
import { AppFailure } from '../errors';
import type { DomainEvents } from '../domain-events';
import type { EventSink, LineHandle } from '../ports';
import { CallPoller, type PollHealth } from '../events/call-poller';
import type { IntakeEvent } from '../events/call-diff';
import { connectionStateOf, quietOnFirstFailure } from './connection-state';
import type { Logger } from '../logging/logger';
import { PilotClient } from '../pilot/pilot-client';
import type { StoredAccount } from '../settings/settings-store';

export interface LineAccount extends StoredAccount {
  demo: boolean;
  /** A line the app uses for itself (the audio test): not listed to the agent. */
  hidden?: boolean;
  /** A line the app names itself (demo, audio test): the translation key of its name. */
  labelKey?: string;
  /** A number of a team line: its calls come from the team server (no poller, no key of its own). */
  teamLineId?: string;
}

/** What a line's calls, media and permissions ask of Pilot Status: a direct line's own client, or a team number's. */
export type LineClient = Pick<PilotClient, keyof PilotClient>;

export interface Line extends LineHandle {
  account: LineAccount;
  client: LineClient;
  /** Direct lines poll Pilot Status themselves; a team number has none (the team server feeds its calls). */
  poller?: CallPoller;
  connection: ConnectionView;
}

export interface LineManagerDeps {
  clock: Clock;
  logger: Logger;
  emit: EventSink;
  /** Where a line's connection changes are published for the core's other parts (reconciliation). */
  events: DomainEvents;
  /** What a number type can do (the provider profiles). */
  featuresOf: (provider: Provider) => LineFeatures;
  credentialsFor: (account: LineAccount) => CredentialStore;
  idleIntervalMs: () => number;
  onIntake: (accountId: string, event: IntakeEvent) => void;
  fetch?: typeof fetch;
}

/** Failures in a row before the UI says the API is unreachable or failing; one blip is retried quietly. */
const failuresBeforeAnnounced = 2;

/**
 * The open lines: one Pilot client and one poller per WhatsApp number, with
 * the connection state the agent sees for each.
 */
export class LineManager {
  private readonly lines = new Map<string, Line>();

  constructor(private readonly deps: LineManagerDeps) {}

  open(account: LineAccount): Line {
    this.close(account.id);
    const credentials = this.deps.credentialsFor(account);
    let cachedKey: string | null = null;
    const client = new PilotClient({
      baseUrl: account.baseUrl,
      fetch: this.deps.fetch,
      apiKey: async () => {
        cachedKey ??= await credentials.get(account.id);
        if (!cachedKey) throw new AppFailure('API_KEY_MISSING', `No API key is stored for line "${account.label}".`);
        return cachedKey;
      },
    });
    const poller = new CallPoller({
      client,
      clock: this.deps.clock,
      logger: this.deps.logger.child({ accountId: account.id }),
      idleIntervalMs: this.deps.idleIntervalMs,
      onEvent: (event) => this.deps.onIntake(account.id, event),
      onHealth: (health) => this.updateConnection(line, health),
    });
    const line: Line = { ...this.newLine(account, client), poller };
    this.lines.set(account.id, line);
    void poller.start();
    return line;
  }

  /** A line as it opens: connecting, with its number type's features. */
  private newLine(account: LineAccount, client: LineClient): Line {
    return {
      id: account.id,
      label: account.label,
      provider: account.provider,
      features: this.deps.featuresOf(account.provider),
      account,
      client,
      connection: { accountId: account.id, state: 'connecting', since: isoTime(this.deps.clock.now()) },
    };
  }

  /**
   * Opens a line whose calls arrive from elsewhere (a team server) and whose
   * requests `client` carries out; its connection is what {@link setConnection} says.
   */
  attach(account: LineAccount, client: LineClient): Line {
    this.close(account.id);
    const line = this.newLine(account, client);
    this.lines.set(account.id, line);
    return line;
  }

  /** The connection of an attached line changed (its team server's state). */
  setConnection(id: string, state: ConnectionState, error?: AppError): void {
    const line = this.lines.get(id);
    if (!line || line.poller) return;
    const previous = line.connection;
    if (previous.state === state && previous.error?.code === error?.code) return;
    this.publish(line, previous, { accountId: id, state, since: isoTime(this.deps.clock.now()), ...(error ? { error } : {}) });
  }

  /** A line whose calls Pilot Status lists to this app (a direct line), for reconciliation; team numbers are not. */
  reconcilable(id: string): Line | undefined {
    const line = this.lines.get(id);
    return line?.poller ? line : undefined;
  }

  /** Renames the lines `name` has a new name for (the language changed); their pollers and calls carry on. */
  rename(name: (line: Line) => string | undefined): boolean {
    let renamed = false;
    for (const line of this.lines.values()) {
      const label = name(line);
      if (label === undefined || label === line.label) continue;
      line.label = label;
      line.account = { ...line.account, label };
      renamed = true;
    }
    return renamed;
  }

  close(id: string): boolean {
    const line = this.lines.get(id);
    if (!line) return false;
    line.poller?.stop();
    this.lines.delete(id);
    return true;
  }

  closeAll(): void {
    for (const id of [...this.lines.keys()]) this.close(id);
  }

  get(id: string): Line | undefined {
    return this.lines.get(id);
  }

  all(): Line[] {
    return [...this.lines.values()];
  }

  connections(): ConnectionView[] {
    return this.listed().map((line) => line.connection);
  }

  views(): AccountView[] {
    return this.listed().map((line) => ({
      id: line.id,
      label: line.account.label,
      provider: line.account.provider,
      baseUrl: line.account.baseUrl,
      hasKey: true,
      demo: line.account.demo,
      features: line.features,
      ...(line.account.teamLineId ? { teamLineId: line.account.teamLineId } : {}),
    }));
  }

  private listed(): Line[] {
    return this.all().filter((line) => !line.account.hidden);
  }

  /** Poll every line now, e.g. after the machine wakes from sleep. */
  pollAll(): void {
    for (const line of this.all()) void line.poller?.pollNow();
  }

  private updateConnection(line: Line, health: PollHealth): void {
    const previous = line.connection;
    let next: ConnectionView;
    if (health.state === 'ok') {
      if (previous.state === 'ok') return;
      next = { accountId: line.id, state: 'ok', since: isoTime(this.deps.clock.now()) };
    } else {
      const { error } = health;
      const state = connectionStateOf(error);
      if (quietOnFirstFailure(state) && health.consecutiveFailures < failuresBeforeAnnounced && previous.state !== state) return;
      next = {
        accountId: line.id,
        state,
        error: error.toAppError(),
        since: previous.state === state ? previous.since : isoTime(this.deps.clock.now()),
        nextAttemptAt: isoTime(health.nextAttemptAt),
      };
    }
    this.publish(line, previous, next);
  }

  private publish(line: Line, previous: ConnectionView, next: ConnectionView): void {
    line.connection = next;
    if (line.account.hidden) return;
    if (previous.state !== next.state || previous.error?.code !== next.error?.code) {
      this.deps.logger.info({ accountId: line.id, state: next.state, code: next.error?.code }, 'line connection changed');
    }
    this.deps.events.publish('line.connection', { accountId: line.id, state: next.state });
    this.deps.emit('connections.changed', next);
  }
}
