import type { Redis } from 'ioredis';
import type { PresenceView, TeamEvent } from '../../core/team/protocol';
import type { TeamKeys } from '../redis-keys';

/** Presence as stored: the view plus the instance that holds the agent's socket. */
export interface StoredPresence extends PresenceView {
  instance: string;
}

/**
 * Agents' presence, shared through Redis: a hash of the current state (for
 * any instance's supervisor feed and for an agent reconnecting elsewhere),
 * and a stream entry per change so supervisors everywhere hear of it.
 */
export class PresenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: TeamKeys,
    private readonly instance: string,
    private readonly append: (event: TeamEvent) => Promise<string>,
  ) {}

  async read(agentId: string): Promise<StoredPresence | null> {
    const json = await this.redis.hget(this.keys.presence, agentId);
    return json ? (JSON.parse(json) as StoredPresence) : null;
  }

  async write(presence: PresenceView): Promise<void> {
    const stored: StoredPresence = { ...presence, instance: this.instance };
    await this.redis.hset(this.keys.presence, presence.agentId, JSON.stringify(stored));
    await this.append({ kind: 'presence', presence, at: Date.now() });
  }

  async remove(agentId: string): Promise<void> {
    await this.redis.hdel(this.keys.presence, agentId);
  }

  /**
   * Everyone's presence; an agent whose instance stopped sending heartbeats
   * (it died with the socket) reads as offline.
   */
  async all(): Promise<PresenceView[]> {
    const entries = Object.values(await this.redis.hgetall(this.keys.presence)).map((json) => JSON.parse(json) as StoredPresence);
    const instances = [...new Set(entries.filter((p) => p.status !== 'offline').map((p) => p.instance))];
    const alive = new Set<string>();
    if (instances.length > 0) {
      const flags = await this.redis.mget(...instances.map((id) => this.keys.instance(id)));
      instances.forEach((id, index) => flags[index] && alive.add(id));
    }
    return entries.map(({ instance, ...view }) => (view.status !== 'offline' && !alive.has(instance) ? { ...view, status: 'offline' as const } : view));
  }
}
