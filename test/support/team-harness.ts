import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import pg from 'pg';
import type { Provider } from '../../preload/contract';
import { systemClock } from '../../main/core/clock';
import { MemoryCredentialStore } from '../../main/core/credentials/credential-store';
import type { IntakeEvent } from '../../main/core/events/call-diff';
import { createLogger, silentLogger, type Logger } from '../../main/core/logging/logger';
import type { BacklogStore, PendingAnnotation } from '../../main/core/team/annotation-backlog';
import type { AgentRole, AgentStatus, AnsweredBy, SupervisorFeed } from '../../main/core/team/protocol';
import { TeamLine, type TeamLineOptions, type TeamLineView } from '../../main/core/team/team-line';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import type { SimNumber } from '../../main/simulator/sim-state';
import { AgentStore } from '../../main/team-server/agents/agent-store';
import { loadConfig, type TeamServerConfig } from '../../main/team-server/config';
import { migrateTeamDatabase } from '../../main/team-server/history/migrate';
import { createPool } from '../../main/team-server/history/pg-pool';
import type { RunningTeamServer, TeamServerOptions } from '../../main/team-server/team-server';
import { startPostgres, type PrivatePostgres } from './postgres-server';
import { startRedis, type PrivateRedis } from './redis-server';
import { startTestSimulator } from './sim';
import { tempDir } from './temp-dir';

/** The private Redis and PostgreSQL of one test file (started once, in beforeAll). */
export interface TeamInfra {
  redis: PrivateRedis;
  postgres: PrivatePostgres;
  stop(): Promise<void>;
}

export const startTeamInfra = async (): Promise<TeamInfra> => {
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  return { redis, postgres, stop: async () => void (await Promise.all([redis.stop(), postgres.stop()])) };
};

/** Logs of team servers in tests: silent unless TEAM_TEST_LOGS=1. */
export const testLogger = (): Logger => (process.env.TEAM_TEST_LOGS ? createLogger({ level: 'debug' }) : silentLogger());

/** Resolves when `check` holds, re-checking on each `emitter` event; fails after `timeoutMs` saying what it waited for. */
export const until = (emitter: EventEmitter, check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> =>
  new Promise((resolve, reject) => {
    if (check()) return resolve();
    const onChange = () => {
      if (!check()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      emitter.off('change', onChange);
    };
    emitter.on('change', onChange);
  });

/** Re-checks an outside condition (a database row) until it holds; for state no event announces. */
export const poll = async <T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(value)?.slice(0, 300)})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

export class MemoryBacklogStore implements BacklogStore {
  items: PendingAnnotation[] = [];
  async load(): Promise<PendingAnnotation[]> {
    return [...this.items];
  }
  async save(items: readonly PendingAnnotation[]): Promise<void> {
    this.items = [...items];
  }
}

export interface TeamNumberFixture {
  id: string;
  label: string;
  provider: Provider;
  sim: SimNumber;
  webhookSecret: string;
}

/**
 * An agent's app as far as the team goes: the real team line (core/team)
 * with its token in a credential store, recording every intake event.
 */
export class TestAgent extends EventEmitter {
  readonly events: { number: string; event: IntakeEvent; answeredBy?: AnsweredBy }[] = [];
  readonly rings = new Map<string, number>();
  /** Entries the server delivered with ring: true, per call (before the app's own dedupe). */
  readonly deliveredRings = new Map<string, number>();
  /** When (performance.timeOrigin + now) the first ring of each call was delivered. */
  readonly ringDeliveredAt = new Map<string, number>();
  views: TeamLineView[] = [];
  feeds: SupervisorFeed[] = [];
  readonly line: TeamLine;

  constructor(
    readonly name: string,
    token: string,
    urls: readonly string[],
    options: { backlog?: BacklogStore; status?: AgentStatus; logger?: Logger; tls?: TeamLineOptions['tls'] } = {},
  ) {
    super();
    this.setMaxListeners(100);
    const credentials = new MemoryCredentialStore();
    void credentials.set('team', token);
    this.line = new TeamLine({
      lineId: 'team',
      urls,
      credentials,
      backlog: options.backlog ?? new MemoryBacklogStore(),
      clock: systemClock,
      logger: options.logger ?? silentLogger(),
      initialStatus: options.status,
      tls: options.tls,
      onIntake: (number, event, answeredBy) => {
        this.events.push({ number, event, ...(answeredBy ? { answeredBy } : {}) });
        if (event.type === 'ringing') this.rings.set(event.call.id, (this.rings.get(event.call.id) ?? 0) + 1);
        this.emit('change');
      },
      onDelivered: (_id, ring, event) => {
        if (ring && event.kind === 'call') {
          this.deliveredRings.set(event.call.id, (this.deliveredRings.get(event.call.id) ?? 0) + 1);
          if (!this.ringDeliveredAt.has(event.call.id)) this.ringDeliveredAt.set(event.call.id, performance.timeOrigin + performance.now());
          this.emit('change');
        }
      },
      onView: (view) => {
        this.views.push(view);
        this.emit('change');
      },
      onFeed: (feed) => {
        this.feeds.push(feed);
        this.emit('change');
      },
    });
  }

  get state(): string {
    return this.line.connection.state;
  }

  /** The instance the agent is connected to now. */
  get instance(): string | undefined {
    return this.line.view().instance;
  }

  /** Events of one call, by type. */
  typesOf(callId: string): string[] {
    return this.events.filter((e) => e.event.call.id === callId).map((e) => e.event.type);
  }

  async connect(timeoutMs?: number): Promise<this> {
    await this.line.start();
    await until(this, () => this.state === 'ok', `${this.name} connected`, timeoutMs);
    return this;
  }

  waitFor(check: () => boolean, what: string, timeoutMs?: number): Promise<void> {
    return until(this, check, `${this.name}: ${what}`, timeoutMs);
  }

  stop(): void {
    this.line.stop();
  }
}

/**
 * One team on the file's Redis and PostgreSQL: its own team name (Redis
 * keys) and database, a simulator with its numbers, the config and keys
 * files, and helpers to start instances and agents.
 */
export class TeamFixture {
  readonly team = `t${randomBytes(4).toString('hex')}`;
  readonly dir = tempDir('pilot-team-');
  numbers: TeamNumberFixture[] = [];
  sim!: RunningSimulator;
  databaseUrl!: string;
  private readonly instances: RunningTeamServer[] = [];
  private readonly agents: TestAgent[] = [];
  private readonly clients: Redis[] = [];
  private pools: pg.Pool[] = [];

  constructor(private readonly infra: TeamInfra) {}

  async setup(numbers: { id: string; provider: Provider }[], poll: { intervalMs?: number; activeIntervalMs?: number; enabled?: boolean } = {}): Promise<this> {
    this.sim = await startTestSimulator({ ringTimeoutMs: 120_000 });
    this.databaseUrl = await this.infra.postgres.createDatabase(this.team);
    this.numbers = numbers.map((n) => ({
      ...n,
      label: n.id[0]!.toUpperCase() + n.id.slice(1),
      sim: this.sim.simulator.addNumber({ provider: n.provider }),
      webhookSecret: randomBytes(24).toString('base64url'),
    }));
    const keys = Object.fromEntries(this.numbers.map((n) => [n.id, { apiKey: n.sim.apiKey, webhookSecret: n.webhookSecret }]));
    writeFileSync(join(this.dir.path, 'keys.json'), JSON.stringify(keys), { mode: 0o600 });
    const config = {
      team: this.team,
      listen: { host: '127.0.0.1', port: 0 },
      pilotBaseUrl: this.sim.url,
      numbers: this.numbers.map(({ id, label, provider }) => ({ id, label, provider })),
      poll: { enabled: poll.enabled ?? true, intervalMs: poll.intervalMs ?? 200, activeIntervalMs: poll.activeIntervalMs ?? 100 },
      historyClaimIdleMs: 1000,
      logLevel: process.env.TEAM_TEST_LOGS ? 'debug' : 'silent',
    };
    writeFileSync(this.configFile, JSON.stringify(config, null, 2));
    const pool = this.pool();
    await migrateTeamDatabase(pool);
    return this;
  }

  /** Changes the config file (e.g. Pilot Status's address) for instances started from now on. */
  patchConfig(patch: Record<string, unknown>): void {
    writeFileSync(this.configFile, JSON.stringify({ ...(JSON.parse(readFileSync(this.configFile, 'utf8')) as object), ...patch }, null, 2));
  }

  get configFile(): string {
    return join(this.dir.path, 'team.json');
  }

  /** The environment an instance runs with. */
  env(instance?: string): NodeJS.ProcessEnv {
    return {
      REDIS_URL: this.infra.redis.url,
      DATABASE_URL: this.databaseUrl,
      PILOT_KEYS_FILE: join(this.dir.path, 'keys.json'),
      ...(instance ? { TEAM_SERVER_INSTANCE: instance } : {}),
    };
  }

  config(instance = `i${this.instances.length + 1}-${randomBytes(2).toString('hex')}`, port?: number): TeamServerConfig {
    return loadConfig(this.configFile, { ...this.env(instance), ...(port ? { TEAM_SERVER_LISTEN: `127.0.0.1:${port}` } : {}) });
  }

  /** Starts an instance in this process (`port`: take over a stopped instance's address). */
  async start(options: TeamServerOptions = {}, instance?: string, port?: number): Promise<RunningTeamServer> {
    // Loaded when first used: the server's CSV export reads the locale files, which Playwright's loader cannot import;
    // e2e tests run the team server as its own process instead (team-process.ts).
    const { startTeamServer } = await import('../../main/team-server/team-server');
    const server = await startTeamServer(this.config(instance, port), { logger: testLogger(), historyClaimIdleMs: 1000, ...options });
    this.instances.push(server);
    return server;
  }

  private agentStore: AgentStore | null = null;

  async addAgent(name: string, numbers: string[], role: AgentRole = 'agent'): Promise<string> {
    this.agentStore ??= new AgentStore(this.pool(), this.numbers.map((n) => n.id));
    return (await this.agentStore.add({ name, numbers, role })).token;
  }

  agent(name: string, token: string, urls: readonly string[], options: ConstructorParameters<typeof TestAgent>[3] = {}): TestAgent {
    const agent = new TestAgent(name, token, urls, options);
    this.agents.push(agent);
    return agent;
  }

  webhookUrl(number: string, server: Pick<RunningTeamServer, 'url'>): string {
    const fixture = this.numbers.find((n) => n.id === number)!;
    return `${server.url}/webhooks/pilot/${number}/${fixture.webhookSecret}`;
  }

  simNumber(number: string): SimNumber {
    return this.numbers.find((n) => n.id === number)!.sim;
  }

  redis(): Redis {
    const client = this.infra.redis.client();
    this.clients.push(client);
    return client;
  }

  pool(): pg.Pool {
    const pool = createPool(this.databaseUrl, 3);
    // The cluster stops after the file's tests: its goodbye to idle connections is expected.
    pool.on('error', () => undefined);
    this.pools.push(pool);
    return pool;
  }

  async close(): Promise<void> {
    for (const agent of this.agents) agent.stop();
    await Promise.all(this.instances.map((server) => server.close().catch(() => undefined)));
    await this.sim?.close();
    for (const client of this.clients) client.disconnect();
    await Promise.all(this.pools.map((pool) => pool.end()));
    this.pools = [];
    this.dir.remove();
  }
}
