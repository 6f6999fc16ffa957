import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../core/logging/logger';
import type { PilotCall } from '../../core/pilot/call-schema';
import type { CreatedCall, PilotClient, RealtimeSession } from '../../core/pilot/pilot-client';
import { PilotApiError } from '../../core/pilot/pilot-error';
import type { TeamActionArgs } from '../../core/team/protocol';
import type { AgentHub } from '../agents/agent-hub';
import type { AgentRecord } from '../agents/agent-store';
import type { TeamNumberConfig } from '../config';
import type { TeamIntake } from '../intake/team-intake';
import type { TeamKeys } from '../redis-keys';
import { takenBy, TeamActionError } from './action-error';
import { readCallState, type Claim, type Claims, type TeamCallState } from './call-state';
import type { OfferCache } from './offer-cache';

export interface CallActionsDeps {
  redis: Redis;
  keys: TeamKeys;
  numbers: ReadonlyMap<string, TeamNumberConfig>;
  client: (number: string) => PilotClient;
  claims: Claims;
  offers: OfferCache;
  intake: Pick<TeamIntake, 'apply'>;
  hub: Pick<AgentHub, 'startCall'>;
  logger: Logger;
}

const sdpHash = (sdp: string): string => createHash('sha256').update(sdp).digest('base64url');

/** A definite "no" from Pilot Status (the request did not happen); after a timeout nobody knows. */
const definitelyFailed = (error: unknown): boolean => !(error instanceof PilotApiError) || error.kind === 'http' || error.kind === 'malformed';

/**
 * The call requests agents send, carried out with the number's key (which
 * agents never see): first accept wins by a Redis claim taken before the
 * accept leaves for Pilot Status; the winner alone may hang up, play prompts
 * and open the call's realtime audio; supervisors may listen to any live
 * web-number call of the team.
 */
export class CallActions {
  constructor(private readonly deps: CallActionsDeps) {}

  /** The Pilot Status client of a number (its key stays inside it). */
  client(number: string): PilotClient {
    return this.deps.client(number);
  }

  /** The number, if the agent answers it (supervisors too: they answer only their own numbers). */
  number(agent: AgentRecord, number: string): TeamNumberConfig {
    const config = this.deps.numbers.get(number);
    if (!config) throw new TeamActionError('NUMBER_NOT_FOUND', 404, `The team has no number "${number}"`);
    if (!agent.numbers.includes(number)) throw new TeamActionError('NUMBER_NOT_ALLOWED', 403, `${agent.name} does not answer ${config.label}`);
    return config;
  }

  /** A call the team follows on `number`; 404 for another number's call or an unknown one. */
  async call(number: string, callId: string): Promise<TeamCallState> {
    const state = await readCallState(this.deps.redis, this.deps.keys, callId);
    if (!state || state.number !== number) throw new TeamActionError('CALL_NOT_FOUND', 404, 'The team server does not know that call on that number');
    return state;
  }

  async get(agent: AgentRecord, args: TeamActionArgs<'call.get'>): Promise<PilotCall | Record<string, unknown>> {
    const number = this.number(agent, args.number);
    const state = await readCallState(this.deps.redis, this.deps.keys, args.callId);
    const claim = state && (await this.deps.claims.holder(args.callId));
    // A call this agent placed or took is asked about directly (e.g. a Meta answer SDP arriving); others come from the team's copy.
    if (!state || state.number !== number.id || (args.includeSdp && claim?.agentId === agent.id)) {
      return this.deps.client(number.id).getCall(args.callId, { includeSdp: args.includeSdp });
    }
    if (!args.includeSdp) return state.call;
    const offer = number.provider === 'META' ? await this.deps.offers.offer(number.id, args.callId) : null;
    return { ...state.call, sdpOffer: offer, sdpAnswer: (state.call.sdpAnswer as string | undefined) ?? null };
  }

  /**
   * Meta: the first agent's pre-accept reaches Pilot Status; the others are
   * acknowledged and remembered, and whoever accepts first has their SDP
   * pre-accepted again if it differs (accept must repeat the pre-accepted SDP).
   */
  async preAccept(agent: AgentRecord, args: TeamActionArgs<'call.preAccept'>): Promise<unknown> {
    const number = this.number(agent, args.number);
    const state = await this.call(number.id, args.callId);
    const holder = await this.deps.claims.holder(args.callId);
    if (holder && holder.agentId !== agent.id) throw takenBy(holder);
    const key = this.deps.keys.preAccept(args.callId);
    if ((await this.deps.redis.set(key, sdpHash(args.sdp), 'EX', 600, 'NX')) !== 'OK') {
      return { success: true, id: args.callId, status: state.status, forwarded: false };
    }
    try {
      return await this.deps.client(number.id).preAccept(args.callId, args.sdp);
    } catch (error) {
      if (definitelyFailed(error)) await this.deps.redis.del(key);
      throw error;
    }
  }

  async accept(agent: AgentRecord, args: TeamActionArgs<'call.accept'>): Promise<unknown> {
    const number = this.number(agent, args.number);
    const state = await this.call(number.id, args.callId);
    if (state.kind === 'ended') throw new TeamActionError('CALL_NOT_RINGING', 409, 'The call has ended');
    const claim: Claim = { agentId: agent.id, name: agent.name, action: 'accept', at: Date.now() };
    const holder = await this.deps.claims.take(args.callId, claim);
    if (holder) {
      if (holder.agentId === agent.id && holder.action === 'accept') throw new TeamActionError('ACCEPT_IN_PROGRESS', 409, 'This agent already answered the call');
      throw takenBy(holder);
    }
    const client = this.deps.client(number.id);
    let result: unknown;
    try {
      if (number.provider === 'META' && args.sdp) {
        const held = await this.deps.redis.get(this.deps.keys.preAccept(args.callId));
        if (held !== null && held !== sdpHash(args.sdp)) {
          await client.preAccept(args.callId, args.sdp);
          await this.deps.redis.set(this.deps.keys.preAccept(args.callId), sdpHash(args.sdp), 'EX', 600);
        }
      }
      result = await client.accept(args.callId, number.provider === 'META' ? args.sdp : undefined);
    } catch (error) {
      if (definitelyFailed(error)) await this.deps.claims.release(args.callId, agent.id);
      throw error;
    }
    this.deps.hub.startCall(agent.id, args.callId);
    // Into the stream now, so the others stop ringing and read who answered without waiting for the next poll or webhook.
    const status = (result as { status?: unknown } | null)?.status;
    const connected = { ...state.call, status: typeof status === 'string' ? status : 'ACCEPTED', connectedAt: state.call.connectedAt ?? new Date().toISOString() };
    await this.deps.intake.apply(number.id, connected as PilotCall, 'action').catch((error: unknown) => {
      this.deps.logger.warn({ err: error, callId: args.callId }, 'the answer could not be announced; the next poll will');
    });
    return result;
  }

  /** Declines for the team (the call ends for everyone), unless someone already took it. */
  async reject(agent: AgentRecord, args: TeamActionArgs<'call.reject'>): Promise<unknown> {
    const number = this.number(agent, args.number);
    await this.call(number.id, args.callId);
    const holder = await this.deps.claims.take(args.callId, { agentId: agent.id, name: agent.name, action: 'reject', at: Date.now() });
    if (holder) throw takenBy(holder);
    try {
      return await this.deps.client(number.id).reject(args.callId);
    } catch (error) {
      if (definitelyFailed(error)) await this.deps.claims.release(args.callId, agent.id);
      throw error;
    }
  }

  async terminate(agent: AgentRecord, args: TeamActionArgs<'call.terminate'>): Promise<unknown> {
    const number = this.deps.numbers.get(args.number);
    if (!number) throw new TeamActionError('NUMBER_NOT_FOUND', 404, `The team has no number "${args.number}"`);
    await this.call(number.id, args.callId);
    if (agent.role !== 'supervisor') await this.requireOwn(agent, args.callId);
    return this.deps.client(number.id).terminate(args.callId);
  }

  /** Places a call from a team number; it is the caller's from the start. */
  async dial(agent: AgentRecord, args: TeamActionArgs<'call.dial'>): Promise<CreatedCall> {
    const number = this.number(agent, args.number);
    const created = await this.deps.client(number.id).createCall({
      to: args.to,
      ...(args.sdp ? { sdp: args.sdp, sdpType: 'offer' as const } : {}),
      ...(args.bizOpaqueCallbackData ? { bizOpaqueCallbackData: args.bizOpaqueCallbackData } : {}),
    });
    await this.deps.claims.set(created.id, { agentId: agent.id, name: agent.name, action: 'dial', at: Date.now() });
    this.deps.hub.startCall(agent.id, created.id);
    const now = new Date().toISOString();
    const call = { id: created.id, externalCallId: created.externalCallId ?? null, status: created.status, direction: 'OUTBOUND', peerNumber: args.to, createdAt: now, startedAt: now };
    await this.deps.intake.apply(number.id, call as PilotCall, 'action');
    return created;
  }

  async play(agent: AgentRecord, args: TeamActionArgs<'call.play'>): Promise<unknown> {
    const number = this.number(agent, args.number);
    await this.call(number.id, args.callId);
    await this.requireOwn(agent, args.callId);
    return this.deps.client(number.id).play(args.callId, args.mediaUrl);
  }

  /** `talk`: the agent who took or placed the call; `listen`: a supervisor, on any live web-number call of the team. */
  async realtimeSession(agent: AgentRecord, args: TeamActionArgs<'call.realtimeSession'>): Promise<RealtimeSession> {
    const number = this.deps.numbers.get(args.number);
    if (!number) throw new TeamActionError('NUMBER_NOT_FOUND', 404, `The team has no number "${args.number}"`);
    const state = await this.call(number.id, args.callId);
    if (args.mode === 'talk') {
      this.number(agent, args.number);
      await this.requireOwn(agent, args.callId);
    } else {
      if (agent.role !== 'supervisor') throw new TeamActionError('SUPERVISORS_ONLY', 403, 'Only supervisors listen in to calls');
      if (state.kind !== 'connected') throw new TeamActionError('CALL_NOT_LIVE', 409, 'Only a live call can be listened to');
    }
    return this.deps.client(number.id).realtimeSession(args.callId, args.mode);
  }

  private async requireOwn(agent: AgentRecord, callId: string): Promise<void> {
    const holder = await this.deps.claims.holder(callId);
    if (!holder || holder.agentId !== agent.id || holder.action === 'reject') {
      throw new TeamActionError('NOT_YOUR_CALL', 403, holder && holder.action !== 'reject' ? `The call is ${holder.name}'s` : 'Nobody on the team took this call');
    }
  }
}
