import type { Redis } from 'ioredis';
import type { Logger } from '../../core/logging/logger';
import { statusKind, type PilotCall } from '../../core/pilot/call-schema';
import type { CallEventType, CallSnapshot, IntakeSource } from '../../core/team/protocol';
import type { TeamMetrics } from '../metrics';
import type { TeamKeys } from '../redis-keys';
import { intakeLua, rankOf } from './intake-script';

export interface IntakeResult {
  type: CallEventType | 'dup' | 'stale';
  /** Stream id of the entry written; empty when nothing was written. */
  id: string;
  call: CallSnapshot | null;
}

export interface TeamIntakeDeps {
  redis: Redis;
  keys: TeamKeys;
  retentionMs: number;
  logger: Logger;
  metrics: TeamMetrics;
  /** `GET /v1/calls/{id}` with the number's key, to settle an event that arrived out of order. */
  confirm: (number: string, callId: string) => Promise<PilotCall>;
  /** A Meta call started ringing: its offer is worth fetching once for everyone. */
  onRinging?: (number: string, callId: string) => void;
}

/** Calls are remembered in Redis this long after their last change. */
const callTtlSeconds = 2 * 24 * 3600;

type IntakeRedis = Redis & {
  teamIntake(...args: string[]): Promise<[string, string, string | null]>;
};

/**
 * Feeds call snapshots (from webhooks, polls, confirmations and the
 * server's own accepts) through the team's diff into the stream. Safe to call
 * from every instance at once: the diff runs atomically in Redis.
 */
export class TeamIntake {
  private readonly redis: IntakeRedis;

  constructor(private readonly deps: TeamIntakeDeps) {
    deps.redis.defineCommand('teamIntake', { numberOfKeys: 4, lua: intakeLua });
    this.redis = deps.redis as IntakeRedis;
  }

  /**
   * Applies one snapshot. An out-of-order one is confirmed with Pilot Status
   * and the confirmed state applied instead (its result is returned).
   */
  async apply(number: string, call: PilotCall, source: IntakeSource, at = Date.now()): Promise<IntakeResult> {
    const result = await this.write(number, call, source, at, false);
    if (result.type !== 'stale') return result;
    this.deps.logger.info({ number, callId: call.id, status: call.status, source }, 'event out of order: confirming with Pilot Status');
    let current: PilotCall;
    try {
      current = await this.deps.confirm(number, call.id);
    } catch (error) {
      this.deps.logger.warn({ number, callId: call.id, code: (error as { code?: string }).code }, 'could not confirm an out-of-order event; it was dropped');
      return result;
    }
    return this.write(number, current, 'confirm', Date.now(), true);
  }

  private async write(number: string, call: PilotCall, source: IntakeSource, at: number, force: boolean): Promise<IntakeResult> {
    const kind = statusKind(call);
    const status = call.status.toUpperCase();
    const outbound = call.direction?.toUpperCase() === 'OUTBOUND';
    const trimBefore = `${Math.max(0, Math.floor(at - this.deps.retentionMs))}-0`;
    const { keys } = this.deps;
    const [type, id, json] = await this.redis.teamIntake(
      keys.call(call.id),
      keys.stream,
      keys.live(number),
      keys.claim(call.id),
      JSON.stringify(call),
      status,
      kind,
      String(rankOf[kind]),
      outbound ? '1' : '0',
      number,
      trimBefore,
      String(callTtlSeconds),
      source,
      String(Math.round(at)),
      force ? '1' : '0',
    );
    this.deps.metrics.intake.inc({ source, result: type });
    if (type === 'ringing') this.deps.onRinging?.(number, call.id);
    return { type: type as IntakeResult['type'], id, call: json ? (JSON.parse(json) as CallSnapshot) : null };
  }
}
