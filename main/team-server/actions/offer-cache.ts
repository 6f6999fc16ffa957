import type { Redis } from 'ioredis';
import type { Logger } from '../../core/logging/logger';
import type { PilotCall } from '../../core/pilot/call-schema';
import type { PilotClient } from '../../core/pilot/pilot-client';
import type { TeamKeys } from '../redis-keys';

export interface OfferCacheDeps {
  redis: Redis;
  keys: TeamKeys;
  client: (number: string) => Pick<PilotClient, 'getCall'>;
  logger: Logger;
  /** How long an instance waits for another instance's fetch before fetching itself. */
  waitMs?: number;
}

/**
 * A ringing Meta call's SDP offer, fetched from Pilot Status once for the
 * whole team (`GET /v1/calls/{id}?includeSdp=1`) and kept with the call in
 * Redis: every agent's app needs it to pre-accept and answer, and 500 agents
 * asking Pilot Status each would make its load grow with the team.
 */
export class OfferCache {
  private readonly fetching = new Map<string, Promise<string | null>>();

  constructor(private readonly deps: OfferCacheDeps) {}

  /** Starts fetching the offer as soon as a Meta call rings, so it is there when the apps ask. */
  prefetch(number: string, callId: string): void {
    this.offer(number, callId).catch((error: unknown) =>
      this.deps.logger.warn({ number, callId, code: (error as { code?: string }).code }, 'could not fetch the offer of a ringing call'),
    );
  }

  /** The offer (null when Pilot Status has none): from Redis, from a fetch under way anywhere, or fetched now. */
  offer(number: string, callId: string): Promise<string | null> {
    let pending = this.fetching.get(callId);
    if (!pending) {
      pending = this.load(number, callId).finally(() => this.fetching.delete(callId));
      this.fetching.set(callId, pending);
    }
    return pending;
  }

  private async load(number: string, callId: string): Promise<string | null> {
    const { redis, keys } = this.deps;
    const cached = await redis.hget(keys.call(callId), 'offer');
    if (cached !== null) return cached || null;
    const mine = (await redis.set(keys.offerLock(callId), '1', 'PX', 5000, 'NX')) === 'OK';
    if (!mine) {
      // Another instance is fetching it: wait for it to land rather than ask Pilot Status again.
      const deadline = Date.now() + (this.deps.waitMs ?? 3000);
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        const landed = await redis.hget(keys.call(callId), 'offer');
        if (landed !== null) return landed || null;
      }
    }
    const call: PilotCall = await this.deps.client(number).getCall(callId, { includeSdp: true });
    const offer = call.sdpOffer ?? '';
    // Stored only while the call is known (HSETs on a vanished call would create a stray key).
    if (await redis.exists(keys.call(callId))) await redis.hset(keys.call(callId), 'offer', offer);
    return offer || null;
  }
}
