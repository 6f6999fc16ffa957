import type { Pool } from 'pg';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { commandRequests, type CallDetail, type HistoryPage, type HistoryStats } from '../../../preload/contract';
import type { TeamActionArgs } from '../../core/team/protocol';
import type { AgentRecord } from '../agents/agent-store';
import type { TeamNumberConfig } from '../config';
import { callRowValues, upsertCallSql } from '../history/call-row';
import type { HistoryScope, TeamHistory } from '../history/team-history';
import type { TeamKeys } from '../redis-keys';
import { TeamActionError } from './action-error';
import { readCallState } from './call-state';

export interface HistoryActionsDeps {
  history: TeamHistory;
  pool: Pool;
  redis: Redis;
  keys: TeamKeys;
  numbers: ReadonlyMap<string, TeamNumberConfig>;
}

/** Supervisors read the whole team's history; an agent reads the numbers they answer. */
export const scopeOf = (agent: AgentRecord): HistoryScope => (agent.role === 'supervisor' ? {} : { numbers: agent.numbers });

/** The app's own request schemas (the same checks as the local history), failing with the app's codes. */
const parse = <S extends z.ZodType>(schema: S, args: unknown): z.output<S> => {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new TeamActionError('VALIDATION_ERROR', 400, issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'Invalid request');
};

/**
 * The team history as agents' apps query it (same filters, search, sort,
 * cursor and stats as the local history) and the notes, disposition and tags
 * they upload after a call.
 */
export class HistoryActions {
  constructor(private readonly deps: HistoryActionsDeps) {}

  query(agent: AgentRecord, args: unknown): Promise<HistoryPage> {
    const request = parse(commandRequests['history.query'], args);
    return this.deps.history.page(request.filter, request.sort, request.limit, request.after, scopeOf(agent));
  }

  stats(agent: AgentRecord, args: unknown): Promise<HistoryStats> {
    const request = parse(commandRequests['history.stats'], args);
    return this.deps.history.stats(request.filter, scopeOf(agent));
  }

  async get(agent: AgentRecord, args: TeamActionArgs<'history.get'>): Promise<CallDetail> {
    const detail = await this.deps.history.detail(args.callId, scopeOf(agent));
    if (!detail) throw new TeamActionError('CALL_NOT_FOUND', 404, 'That call is not in the team history');
    return detail;
  }

  /**
   * Saves an agent's notes about a call of one of their numbers. A call the
   * history writer has not reached yet is written first from what Redis
   * knows, so an upload never waits on, or is lost to, the writer's lag.
   */
  async annotate(agent: AgentRecord, args: TeamActionArgs<'history.annotate'>): Promise<{ callId: string; applied: boolean }> {
    const { callId, ...annotation } = args;
    let number = await this.deps.history.numberOf(callId);
    if (number === null) {
      const state = await readCallState(this.deps.redis, this.deps.keys, callId);
      if (!state) throw new TeamActionError('CALL_NOT_FOUND', 404, 'The team does not know that call');
      number = state.number;
      this.allow(agent, number);
      const values = callRowValues(
        { kind: 'call', type: 'updated', number, call: state.call, at: state.at, source: 'action', ...(state.answeredBy ? { answeredBy: state.answeredBy } : {}) },
        '0-0',
        this.deps.numbers,
        Date.now(),
      );
      if (values) await this.deps.pool.query(upsertCallSql, values);
    }
    this.allow(agent, number);
    const result = await this.deps.history.annotate(callId, annotation, agent.name, Date.now());
    if (!result.found) throw new TeamActionError('CALL_NOT_FOUND', 404, 'The team does not know that call');
    return { callId, applied: result.applied };
  }

  private allow(agent: AgentRecord, number: string): void {
    if (agent.role !== 'supervisor' && !agent.numbers.includes(number)) {
      throw new TeamActionError('NUMBER_NOT_ALLOWED', 403, `${agent.name} does not answer that call's number`);
    }
  }
}
