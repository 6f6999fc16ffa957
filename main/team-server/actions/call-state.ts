import type { Redis } from 'ioredis';
import type { StatusKind } from '../../core/pilot/call-schema';
import type { AnsweredBy, CallSnapshot } from '../../core/team/protocol';
import type { TeamKeys } from '../redis-keys';

/** A call as the team knows it in Redis. */
export interface TeamCallState {
  number: string;
  status: string;
  kind: StatusKind;
  call: CallSnapshot;
  at: number;
  answeredBy?: AnsweredBy;
  /** A Meta call's offer, once fetched for everyone. */
  offer?: string;
}

export interface Claim extends AnsweredBy {
  action: 'accept' | 'reject' | 'dial';
  at: number;
}

const fields = ['number', 'status', 'kind', 'call', 'at', 'answeredBy', 'offer'] as const;

export const readCallState = async (redis: Redis, keys: TeamKeys, callId: string): Promise<TeamCallState | null> => {
  const [number, status, kind, call, at, answeredBy, offer] = await redis.hmget(keys.call(callId), ...fields);
  if (!number || !status || !call) return null;
  const state: TeamCallState = { number, status, kind: (kind ?? 'other') as StatusKind, call: JSON.parse(call) as CallSnapshot, at: Number(at ?? 0) };
  if (answeredBy) state.answeredBy = JSON.parse(answeredBy) as AnsweredBy;
  if (offer) state.offer = offer;
  return state;
};

/** Several calls' states in one round trip (the supervisor feed, snapshots). */
export const readCallStates = async (redis: Redis, keys: TeamKeys, callIds: readonly string[]): Promise<TeamCallState[]> => {
  if (callIds.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of callIds) pipeline.hmget(keys.call(id), ...fields);
  const replies = (await pipeline.exec()) ?? [];
  const states: TeamCallState[] = [];
  for (const [error, value] of replies) {
    const [number, status, kind, call, at, answeredBy] = (value ?? []) as (string | null)[];
    if (error || !number || !status || !call) continue;
    const state: TeamCallState = { number, status, kind: (kind ?? 'other') as StatusKind, call: JSON.parse(call) as CallSnapshot, at: Number(at ?? 0) };
    if (answeredBy) state.answeredBy = JSON.parse(answeredBy) as AnsweredBy;
    states.push(state);
  }
  return states;
};

const releaseLua = `local v = redis.call('GET', KEYS[1]) if v and cjson.decode(v)['agentId'] == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * First accept wins: a claim is `SET NX` on the call id, made before the
 * accept is sent to Pilot Status, so of any number of agents (on any
 * instances) pressing Answer together exactly one reaches Pilot Status.
 */
export class Claims {
  constructor(
    private readonly redis: Redis,
    private readonly keys: TeamKeys,
  ) {
    redis.defineCommand('releaseClaim', { numberOfKeys: 1, lua: releaseLua });
  }

  /** Takes the call for `claim`; returns null when taken, else who holds it. */
  async take(callId: string, claim: Claim): Promise<Claim | null> {
    const won = await this.redis.set(this.keys.claim(callId), JSON.stringify(claim), 'EX', 2 * 24 * 3600, 'NX');
    if (won === 'OK') return null;
    return (await this.holder(callId)) ?? claim;
  }

  /** Records a claim outright (a call the agent placed is theirs). */
  async set(callId: string, claim: Claim): Promise<void> {
    await this.redis.set(this.keys.claim(callId), JSON.stringify(claim), 'EX', 2 * 24 * 3600);
  }

  async holder(callId: string): Promise<Claim | null> {
    const json = await this.redis.get(this.keys.claim(callId));
    return json ? (JSON.parse(json) as Claim) : null;
  }

  /** Gives a claim back (its request failed for sure), only if `agentId` still holds it. */
  async release(callId: string, agentId: string): Promise<void> {
    await (this.redis as Redis & { releaseClaim(key: string, agentId: string): Promise<number> }).releaseClaim(this.keys.claim(callId), agentId);
  }
}
