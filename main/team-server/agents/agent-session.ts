import type { Redis } from 'ioredis';
import type WebSocket from 'ws';
import type { Logger } from '../../core/logging/logger';
import {
  clientMessageSchema,
  compareStreamIds,
  teamCloseCodes,
  type AgentStatus,
  type CallTeamEvent,
  type ServerMessage,
  type TeamNumberView,
} from '../../core/team/protocol';
import { toTeamError } from '../actions/action-error';
import type { ActionRouter } from '../actions/action-router';
import type { TeamMetrics } from '../metrics';
import type { PresenceStore } from '../presence/presence-store';
import type { TeamKeys } from '../redis-keys';
import { entriesAfter, lastStreamId, trimmedSince, type StreamEntry } from '../stream/stream-entry';
import type { AgentHub, HubSession } from './agent-hub';
import { AgentPresence } from './agent-presence';
import type { AgentRecord, AgentStore } from './agent-store';

export interface AgentSessionDeps {
  hub: AgentHub;
  redis: Redis;
  keys: TeamKeys;
  logger: Logger;
  metrics: TeamMetrics;
  presence: PresenceStore;
  agents: Pick<AgentStore, 'isActive'>;
  actions: Pick<ActionRouter, 'handle'>;
  instance: string;
  numbers: readonly TeamNumberView[];
  /** The calls ringing or live on some numbers, for an app that has no stream position (or lost it to trimming). */
  liveCalls: (numbers: readonly string[]) => Promise<CallTeamEvent[]>;
  /** Whether a call is still live (an agent reconnecting on a call stays on it). */
  isLive: (callId: string) => Promise<boolean>;
  helloTimeoutMs?: number;
  pingIntervalMs?: number;
}

/** An agent whose socket cannot keep up (MB queued) is dropped; it resumes from where it was. */
const maxBufferedBytes = 8 * 1024 * 1024;

/**
 * One agent's socket. After the app's `hello` it sends, in order and each
 * once: the welcome, a snapshot of live calls (only for an app without a
 * stream position, or whose position was trimmed away), every stream entry
 * after the app's position (replayed from Redis), then live entries. Entries
 * from the live tail that arrive during the replay are held and sent after
 * it; an id at or before the last one sent is never sent again.
 */
export class AgentSession implements HubSession {
  private cursor = '0-0';
  private replaying = true;
  private held: StreamEntry[] = [];
  private presence: AgentPresence | null = null;
  private alive = true;
  private readonly timers: NodeJS.Timeout[] = [];
  private helloSeen = false;
  /** Requests are taken from the welcome on (they do not wait for the replay). */
  private welcomed = false;

  constructor(
    private readonly ws: WebSocket,
    readonly agent: AgentRecord,
    private readonly deps: AgentSessionDeps,
  ) {
    ws.on('message', (data, isBinary) => void this.onMessage(isBinary ? null : data.toString()));
    ws.on('close', () => this.onClose());
    ws.on('error', (error) => deps.logger.debug({ err: error, agentId: agent.id }, 'agent socket error'));
    ws.on('pong', () => (this.alive = true));
    const helloTimer = setTimeout(() => !this.helloSeen && this.close(teamCloseCodes.protocolError, 'no hello'), deps.helloTimeoutMs ?? 10_000);
    const pinger = setInterval(() => {
      if (!this.alive) return this.ws.terminate();
      this.alive = false;
      this.ws.ping();
    }, deps.pingIntervalMs ?? 20_000);
    this.timers.push(helloTimer, pinger);
  }

  onEntry(entry: StreamEntry): void {
    if (this.replaying) this.held.push(entry);
    else this.deliver(entry, true);
  }

  sendText(text: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > maxBufferedBytes) {
      this.deps.logger.warn({ agentId: this.agent.id }, 'agent socket too slow; closing it so the app resumes');
      this.ws.close(1013, 'too slow');
      return;
    }
    this.ws.send(text);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.CLOSED) return;
    this.ws.close(code, reason);
    // A peer that does not finish the closing handshake is cut off.
    const cut = setTimeout(() => this.ws.terminate(), 2000);
    cut.unref();
  }

  private send(message: ServerMessage): void {
    this.sendText(JSON.stringify(message));
  }

  private async onMessage(text: string | null): Promise<void> {
    let message;
    try {
      message = text === null ? null : clientMessageSchema.parse(JSON.parse(text));
    } catch {
      message = null;
    }
    if (!message) return this.close(teamCloseCodes.protocolError, 'unreadable message');
    if (message.type === 'hello') {
      if (this.helloSeen) return;
      this.helloSeen = true;
      return this.open(message.after, message.status).catch((error: unknown) => {
        this.deps.logger.error({ err: error, agentId: this.agent.id }, 'agent session could not start');
        this.close(1011, 'could not start');
      });
    }
    const { requestId, action, args } = message;
    if (!this.welcomed) return this.send({ type: 'response', requestId, ok: false, error: { code: 'HELLO_FIRST', message: 'Send hello and wait for welcome first', status: 409 } });
    try {
      const value = await this.deps.actions.handle(this.agent, action, args);
      this.send({ type: 'response', requestId, ok: true, value: value ?? null });
    } catch (error) {
      const teamError = toTeamError(error);
      if (teamError.status === 500) this.deps.logger.error({ err: error, agentId: this.agent.id, action }, 'agent request failed');
      this.send({ type: 'response', requestId, ok: false, error: teamError });
    }
  }

  private async open(after: string | undefined, status: AgentStatus | undefined): Promise<void> {
    const { deps, agent } = this;
    const stored = await deps.presence.read(agent.id);
    const onCall = stored?.callId && (await deps.isLive(stored.callId)) ? [stored.callId] : [];
    this.presence = deps.hub.attach(this, new AgentPresence(agent, status ?? stored?.chosen ?? 'available', onCall));
    if (status) deps.hub.choose(agent.id, status);
    // A revocation committed before the hub knew this socket would not reach it through the stream: check once more.
    if (!(await deps.agents.isActive(agent.id))) return this.close(teamCloseCodes.unauthorized, 'token revoked');
    const resync = !after || (await trimmedSince(deps.redis, deps.keys, after));
    this.cursor = resync ? await lastStreamId(deps.redis, deps.keys) : after;
    this.send({
      type: 'welcome',
      agent: { id: agent.id, name: agent.name, role: agent.role, numbers: agent.numbers },
      numbers: deps.numbers.filter((n) => agent.numbers.includes(n.id)),
      cursor: this.cursor,
      presence: this.presence.view(),
      instance: deps.instance,
    });
    this.welcomed = true;
    if (resync) {
      const calls = await deps.liveCalls(agent.numbers);
      this.send({
        type: 'snapshot',
        cursor: this.cursor,
        calls: calls.map((event) => ({ ring: event.type === 'ringing' && !event.answeredBy && this.presence!.canRing(event.number), event })),
      });
    } else {
      for await (const page of entriesAfter(deps.redis, deps.keys, this.cursor)) for (const entry of page) this.deliver(entry, false);
    }
    const held = this.held;
    this.held = [];
    this.replaying = false;
    for (const entry of held) this.deliver(entry, true);
    deps.logger.info({ agentId: agent.id, resumed: !resync, cursor: this.cursor }, 'agent connected');
  }

  /** Sends one entry if it is newer than the last one sent and concerns this agent; rings only an available agent. */
  private deliver(entry: StreamEntry, live: boolean): void {
    if (compareStreamIds(entry.id, this.cursor) <= 0) return;
    this.cursor = entry.id;
    const { event } = entry;
    if (event.kind !== 'call' && event.kind !== 'permission') return;
    if (!this.agent.numbers.includes(event.number)) return;
    const ring = event.kind === 'call' && event.type === 'ringing' && this.presence!.canRing(event.number);
    this.sendText(`{"type":"event","id":"${entry.id}","ring":${ring},"event":${entry.raw}}`);
    if (live && event.kind === 'call') this.deps.metrics.fanoutLatency.observe(Math.max(0, Date.now() - event.at) / 1000);
  }

  private onClose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.deps.hub.detach(this);
  }
}
