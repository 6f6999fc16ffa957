import type { Logger } from '../../core/logging/logger';
import { statusKind, type PilotCall } from '../../core/pilot/call-schema';
import { teamCloseCodes, type AgentStatus } from '../../core/team/protocol';
import type { TeamMetrics } from '../metrics';
import type { PresenceStore } from '../presence/presence-store';
import type { StreamEntry } from '../stream/stream-entry';
import type { AgentPresence } from './agent-presence';
import type { AgentRecord } from './agent-store';

/** What the hub needs of one open agent socket. */
export interface HubSession {
  readonly agent: AgentRecord;
  /** An entry from the stream tail, in stream order. */
  onEntry(entry: StreamEntry): void;
  sendText(text: string): void;
  close(code: number, reason: string): void;
}

export interface AgentHubDeps {
  presence: PresenceStore;
  logger: Logger;
  metrics: TeamMetrics;
  /** Something a supervisor sees changed (a call, someone's presence). */
  onFeedChanged: () => void;
}

/**
 * The agents connected to this instance: their sockets, their presence, and
 * the fan-out of each stream entry to them. Entries are applied in stream
 * order, and presence follows calls before the next entry is delivered, so
 * an agent who just took a call is not rung by the next one.
 */
export class AgentHub {
  private readonly sessions = new Map<string, Set<HubSession>>();
  private readonly presences = new Map<string, AgentPresence>();
  private readonly publishing = new Map<string, Promise<void>>();

  constructor(private readonly deps: AgentHubDeps) {}

  /** Registers a socket; the agent's presence (restored or fresh) is published when it is the agent's first. */
  attach(session: HubSession, presence: AgentPresence): AgentPresence {
    let set = this.sessions.get(session.agent.id);
    if (!set) this.sessions.set(session.agent.id, (set = new Set()));
    set.add(session);
    this.deps.metrics.agentsConnected.inc();
    const current = this.presences.get(session.agent.id);
    if (current) return current;
    this.presences.set(session.agent.id, presence);
    this.publish(presence);
    return presence;
  }

  detach(session: HubSession): void {
    const set = this.sessions.get(session.agent.id);
    if (!set?.delete(session)) return;
    this.deps.metrics.agentsConnected.dec();
    if (set.size > 0) return;
    this.sessions.delete(session.agent.id);
    const presence = this.presences.get(session.agent.id);
    this.presences.delete(session.agent.id);
    if (presence?.goOffline()) this.publish(presence);
  }

  presence(agentId: string): AgentPresence | undefined {
    return this.presences.get(agentId);
  }

  choose(agentId: string, status: AgentStatus): void {
    const presence = this.presences.get(agentId);
    if (presence?.choose(status)) this.publish(presence);
  }

  /** The agent took or placed a call: on a call until it ends. */
  startCall(agentId: string, callId: string): void {
    const presence = this.presences.get(agentId);
    if (presence?.startCall(callId)) this.publish(presence);
  }

  supervisors(): HubSession[] {
    return [...this.sessions.values()].flatMap((set) => [...set]).filter((s) => s.agent.role === 'supervisor');
  }

  count(): number {
    let n = 0;
    for (const set of this.sessions.values()) n += set.size;
    return n;
  }

  closeAll(code: number, reason: string): void {
    for (const set of [...this.sessions.values()]) for (const session of [...set]) session.close(code, reason);
  }

  /** Resolves when every presence change so far is in Redis. */
  async settled(): Promise<void> {
    await Promise.all(this.publishing.values());
  }

  onEntries(entries: readonly StreamEntry[]): void {
    for (const entry of entries) {
      try {
        this.apply(entry);
      } catch (error) {
        this.deps.logger.error({ err: error, id: entry.id }, 'stream entry could not be fanned out');
      }
    }
  }

  private apply(entry: StreamEntry): void {
    const { event } = entry;
    if (event.kind === 'revoked') {
      for (const session of [...(this.sessions.get(event.agentId) ?? [])]) session.close(teamCloseCodes.unauthorized, 'token revoked');
      return;
    }
    if (event.kind === 'presence') {
      this.deps.onFeedChanged();
      return;
    }
    if (event.kind === 'call') {
      const kind = statusKind(event.call as PilotCall);
      if (kind === 'ended') {
        for (const presence of this.presences.values()) if (presence.endCall(event.call.id)) this.publish(presence);
      } else if (event.answeredBy && kind === 'connected') {
        this.startCall(event.answeredBy.agentId, event.call.id);
      }
      if (event.type !== 'updated' || event.answeredBy) this.deps.onFeedChanged();
    }
    for (const set of this.sessions.values()) for (const session of set) session.onEntry(entry);
  }

  /** Writes presence changes in order per agent (a later change never lands before an earlier one). */
  private publish(presence: AgentPresence): void {
    const view = presence.view();
    const previous = this.publishing.get(view.agentId) ?? Promise.resolve();
    const next = previous
      .then(() => this.deps.presence.write(view))
      .catch((error: unknown) => this.deps.logger.warn({ err: error, agentId: view.agentId }, 'presence could not be shared'))
      .finally(() => {
        if (this.publishing.get(view.agentId) === next) this.publishing.delete(view.agentId);
      });
    this.publishing.set(view.agentId, next);
  }
}
