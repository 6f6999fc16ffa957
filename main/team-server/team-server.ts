import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createLogger, type Logger } from '../core/logging/logger';
import type { CallTeamEvent, TeamNumberView } from '../core/team/protocol';
import { ActionRouter } from './actions/action-router';
import { CallActions } from './actions/call-actions';
import { Claims, readCallState, readCallStates } from './actions/call-state';
import { HistoryActions } from './actions/history-actions';
import { OfferCache } from './actions/offer-cache';
import { createAgentGateway } from './agents/agent-gateway';
import { AgentHub } from './agents/agent-hub';
import { AgentStore } from './agents/agent-store';
import type { TeamServerConfig } from './config';
import { HistoryWriter } from './history/history-writer';
import { migrateTeamDatabase } from './history/migrate';
import { createPool } from './history/pg-pool';
import { TeamHistory } from './history/team-history';
import { createExportRoute } from './http/export-route';
import { createRequestHandler } from './http/routes';
import { NumberPoller } from './intake/number-poller';
import { PollCoordinator } from './intake/poll-coordinator';
import { PollLease } from './intake/poll-lease';
import { TeamIntake } from './intake/team-intake';
import { createTeamMetrics } from './metrics';
import { createPilotClients } from './pilot-clients';
import { PresenceStore } from './presence/presence-store';
import { SupervisorFeedPublisher } from './presence/supervisor-feed';
import { teamKeys } from './redis-keys';
import { appendEvent } from './stream/stream-entry';
import { StreamTail } from './stream/stream-tail';
import { createWebhookReceiver } from './webhooks/webhook-receiver';

export interface TeamServerOptions {
  logger?: Logger;
  /** Pilot Status requests go through this (tests count them). */
  fetch?: typeof fetch;
  /** How long a dead instance's unwritten history entries wait before another takes them (default 5 s). */
  historyClaimIdleMs?: number;
  /** Each completed poll of a number (tests wait for one instead of sleeping). */
  onPolled?: (number: string) => void;
}

export interface RunningTeamServer {
  url: string;
  port: number;
  instanceId: string;
  /** Numbers this instance polls now. */
  polling(): string[];
  agentsConnected(): number;
  close(): Promise<void>;
}

const heartbeatMs = 2000;

/**
 * Starts one team-server instance: migrates the team database, joins the
 * team in Redis (stream tail, history writer, poll leases, heartbeat) and
 * serves agents, webhooks, health and metrics. Several instances of one
 * team share the work through Redis; any of them can die.
 */
export const startTeamServer = async (config: TeamServerConfig, options: TeamServerOptions = {}): Promise<RunningTeamServer> => {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const log = logger.child({ instance: config.instanceId, team: config.team });
  const metrics = createTeamMetrics(config.instanceId);
  const keys = teamKeys(config.team);
  const retentionMs = config.streamRetentionMinutes * 60_000;
  const numbers = new Map(config.numbers.map((n) => [n.id, n]));
  const numberViews: TeamNumberView[] = config.numbers.map(({ id, label, provider }) => ({ id, label, provider }));

  const pool = createPool(config.databaseUrl);
  pool.on('error', (error) => log.warn({ err: error }, 'idle PostgreSQL connection failed'));
  await migrateTeamDatabase(pool);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
  redis.on('error', (error) => log.warn({ err: error }, 'Redis connection problem'));
  const blocking = () => {
    const connection = redis.duplicate();
    connection.on('error', () => undefined); // reported once, by the main connection
    return connection;
  };
  await redis.ping();

  const clients = createPilotClients(config, metrics, options.fetch);
  const client = (number: string) => clients.get(number)!;
  const agents = new AgentStore(pool, config.numbers.map((n) => n.id));
  const append = (event: Parameters<typeof appendEvent>[3]) => appendEvent(redis, keys, retentionMs, event);
  const offers = new OfferCache({ redis, keys, client, logger: log });
  const intake = new TeamIntake({
    redis,
    keys,
    retentionMs,
    logger: log,
    metrics,
    confirm: (number, callId) => client(number).getCall(callId),
    onRinging: (number, callId) => numbers.get(number)?.provider === 'META' && offers.prefetch(number, callId),
  });
  const presence = new PresenceStore(redis, keys, config.instanceId, append);
  let feed: SupervisorFeedPublisher | null = null;
  const hub = new AgentHub({ presence, logger: log, metrics, onFeedChanged: () => feed?.changed() });
  feed = new SupervisorFeedPublisher({ redis, keys, presence, numbers: config.numbers, recipients: () => hub.supervisors(), logger: log });
  const history = new TeamHistory(pool);
  const actions = new ActionRouter({
    calls: new CallActions({ redis, keys, numbers, client, claims: new Claims(redis, keys), offers, intake, hub, logger: log }),
    history: new HistoryActions({ history, pool, redis, keys, numbers }),
    hub,
    feed: () => feed!.snapshot(),
    logger: log,
  });

  const liveCalls = async (wanted: readonly string[]): Promise<CallTeamEvent[]> => {
    const ids = (await Promise.all(wanted.map((n) => redis.smembers(keys.live(n))))).flat();
    return (await readCallStates(redis, keys, ids)).map((state) => ({
      kind: 'call',
      type: state.kind === 'ringing' ? 'ringing' : 'seen',
      number: state.number,
      call: state.call,
      at: state.at,
      source: 'poll',
      ...(state.answeredBy ? { answeredBy: state.answeredBy } : {}),
    }));
  };
  const gateway = createAgentGateway({
    hub,
    redis,
    keys,
    logger: log,
    metrics,
    presence,
    agents,
    actions,
    instance: config.instanceId,
    numbers: numberViews,
    liveCalls,
    isLive: async (callId) => ['ringing', 'connected'].includes((await readCallState(redis, keys, callId))?.kind ?? ''),
  });

  const tail = new StreamTail({ redis: blocking(), keys, logger: log, onEntries: (entries) => hub.onEntries(entries) });
  const writer = new HistoryWriter({ redis: blocking(), pool, keys, consumer: config.instanceId, numbers, logger: log, metrics, claimIdleMs: options.historyClaimIdleMs ?? config.historyClaimIdleMs });
  const leaseTtl = PollCoordinator.leaseTtlMs(config.poll.intervalMs);
  const polls = new PollCoordinator({
    numbers: config.poll.enabled ? config.numbers.map((n) => n.id) : [],
    lease: new PollLease(redis, keys, config.instanceId, leaseTtl),
    logger: log,
    metrics,
    intervalMs: config.poll.intervalMs,
    createPoller: (number, fence) =>
      new NumberPoller({
        ...fence,
        number,
        client: client(number),
        intake,
        redis,
        keys,
        logger: log,
        intervalMs: config.poll.intervalMs,
        activeIntervalMs: config.poll.activeIntervalMs,
        onPolled: options.onPolled,
      }),
  });

  let started = false;
  const handler = createRequestHandler({
    metrics: metrics.registry,
    ready: async () => {
      const checks = { started, redis: false, postgres: false };
      // A part that does not answer within a second is down as far as a load balancer is concerned.
      const within = <T>(promise: Promise<T>) => Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref())]);
      [checks.redis, checks.postgres] = await Promise.all([
        within(redis.ping()).then((r) => r === 'PONG', () => false),
        within(pool.query('SELECT 1')).then(() => true, () => false),
      ]);
      return { ready: checks.started && checks.redis && checks.postgres, checks };
    },
    webhook: createWebhookReceiver({
      keys: config.keys,
      intake,
      logger: log,
      metrics,
      publishPermission: async (number, payload) => void (await append({ kind: 'permission', number, payload, at: Date.now() })),
    }),
    exportHistory: createExportRoute({ agents, history, logger: log }),
  });
  const server: Server = config.tls
    ? createHttpsServer({ cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) }, handler)
    : createHttpServer(handler);
  server.on('upgrade', (request, socket, head) => {
    if (!gateway.handleUpgrade(request, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  await tail.start();
  await writer.start();
  const beat = () => redis.set(keys.instance(config.instanceId), String(Date.now()), 'PX', heartbeatMs * 3).catch(() => undefined);
  await beat();
  const heartbeat = setInterval(beat, heartbeatMs);
  polls.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, () => resolve());
  });
  started = true;
  const { port } = server.address() as AddressInfo;
  const scheme = config.tls ? 'https' : 'http';
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
  const url = `${scheme}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  log.info({ url, port, numbers: config.numbers.map((n) => n.id), tls: Boolean(config.tls) }, 'team server listening');
  if (!config.tls) log.warn('no TLS configured: put the team server behind an HTTPS proxy (webhooks and agent tokens must not travel in the clear)');

  let closing: Promise<void> | null = null;
  const stop = async (): Promise<void> => {
    started = false;
    clearInterval(heartbeat);
    await polls.stop();
    feed!.stop();
    hub.closeAll(1012, 'team server restarting');
    gateway.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await hub.settled();
    await tail.stop();
    await writer.stop();
    // Redis may be the reason for stopping: do not wait on its retries to say goodbye.
    await Promise.race([redis.del(keys.instance(config.instanceId)), new Promise((resolve) => setTimeout(resolve, 500).unref())]).catch(() => undefined);
    redis.disconnect();
    await pool.end();
    log.info('team server stopped');
  };

  return {
    url,
    port,
    instanceId: config.instanceId,
    polling: () => polls.held(),
    agentsConnected: () => hub.count(),
    close: () => (closing ??= stop()),
  };
};
