import type { Redis } from 'ioredis';
import type { TeamKeys } from '../redis-keys';

/** Renews the lease only while this instance still holds it. */
const renewLua = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const releaseLua = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

type LeaseRedis = Redis & {
  renewLease(key: string, owner: string, ttlMs: string): Promise<number>;
  releaseLease(key: string, owner: string): Promise<number>;
};

/**
 * Which instance polls a number: a Redis key set with NX and a TTL, renewed
 * by its holder. When the holder dies the key lapses and the next instance
 * to try takes it. A lapse while the holder lives (a stalled event loop)
 * can let two instances poll for a moment; the intake's diff makes that
 * harmless (each event still enters the stream once).
 */
export class PollLease {
  private readonly redis: LeaseRedis;

  constructor(
    redis: Redis,
    private readonly keys: TeamKeys,
    private readonly owner: string,
    private readonly ttlMs: number,
  ) {
    redis.defineCommand('renewLease', { numberOfKeys: 1, lua: renewLua });
    redis.defineCommand('releaseLease', { numberOfKeys: 1, lua: releaseLua });
    this.redis = redis as LeaseRedis;
  }

  async acquire(number: string): Promise<boolean> {
    return (await this.redis.set(this.keys.lease(number), this.owner, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  async renew(number: string): Promise<boolean> {
    return (await this.redis.renewLease(this.keys.lease(number), this.owner, String(this.ttlMs))) === 1;
  }

  async release(number: string): Promise<void> {
    await this.redis.releaseLease(this.keys.lease(number), this.owner);
  }

  holder(number: string): Promise<string | null> {
    return this.redis.get(this.keys.lease(number));
  }
}
