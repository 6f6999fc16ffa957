import type { Redis } from 'ioredis';
import type { Logger } from '../../core/logging/logger';
import type { SupervisorCall, SupervisorFeed } from '../../core/team/protocol';
import { readCallStates } from '../actions/call-state';
import type { HubSession } from '../agents/agent-hub';
import type { TeamNumberConfig } from '../config';
import type { TeamKeys } from '../redis-keys';
import type { PresenceStore } from './presence-store';

export interface SupervisorFeedDeps {
  redis: Redis;
  keys: TeamKeys;
  presence: PresenceStore;
  numbers: readonly TeamNumberConfig[];
  /** This instance's supervisors. */
  recipients: () => HubSession[];
  logger: Logger;
  /** Least time between two feeds: a burst of changes makes one. */
  throttleMs?: number;
}

/**
 * What supervisors watch: every agent's presence, the calls ringing and the
 * calls live (with who took them), rebuilt from Redis when something changes
 * and sent to this instance's supervisors, at most every `throttleMs`.
 */
export class SupervisorFeedPublisher {
  private timer: NodeJS.Timeout | null = null;
  private lastSent = 0;
  private building: Promise<void> | null = null;
  private dirtyAgain = false;

  constructor(private readonly deps: SupervisorFeedDeps) {}

  changed(): void {
    if (this.deps.recipients().length === 0) return;
    if (this.building) {
      this.dirtyAgain = true;
      return;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.lastSent + (this.deps.throttleMs ?? 200) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.building = this.send().finally(() => {
        this.building = null;
        if (this.dirtyAgain) {
          this.dirtyAgain = false;
          this.changed();
        }
      });
    }, wait);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async snapshot(): Promise<SupervisorFeed> {
    const { redis, keys, numbers } = this.deps;
    const agents = await this.deps.presence.all();
    const ids = (await Promise.all(numbers.map((n) => redis.smembers(keys.live(n.id))))).flat();
    const provider = new Map(numbers.map((n) => [n.id, n.provider]));
    const label = new Map(numbers.map((n) => [n.id, n.label]));
    const ringing: SupervisorCall[] = [];
    const live: SupervisorCall[] = [];
    for (const state of await readCallStates(redis, keys, ids)) {
      const view: SupervisorCall = {
        number: state.number,
        numberLabel: label.get(state.number) ?? state.number,
        callId: state.call.id,
        status: state.status,
        peerNumber: String(state.call.peerNumber ?? ''),
        direction: String(state.call.direction ?? 'INBOUND'),
        provider: provider.get(state.number) ?? 'EVO_GO',
        since: state.at,
      };
      if (state.answeredBy) view.answeredBy = state.answeredBy;
      if (state.kind === 'connected') live.push(view);
      else if (state.kind === 'ringing') ringing.push(view);
    }
    const byTime = (a: SupervisorCall, b: SupervisorCall) => a.since - b.since;
    agents.sort((a, b) => a.name.localeCompare(b.name));
    return { agents, ringing: ringing.sort(byTime), live: live.sort(byTime), at: Date.now() };
  }

  private async send(): Promise<void> {
    try {
      const text = JSON.stringify({ type: 'team', feed: await this.snapshot() });
      this.lastSent = Date.now();
      for (const session of this.deps.recipients()) session.sendText(text);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'supervisor feed could not be built');
    }
  }
}
