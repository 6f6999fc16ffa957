import type { CallView } from '../../../preload/contract';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { CallLogDatabase } from './database';

interface Followed {
  phase: CallView['phase'];
  remoteStatus: string;
  errorCode: string | null;
}

/**
 * The per-call event timeline. It follows the calls the call service
 * publishes (`call.transitioned`, once the call's row is written) and records
 * each change of phase, of Pilot's status and each error, so the call service
 * needs no knowledge of it. The first ringing view also stamps the call's
 * `ringing_at`, and a call that rang quietly gets a `quiet` event naming why.
 */
export class CallTimeline {
  private readonly followed = new Map<string, Followed>();
  private readonly insert;
  private readonly stampRinging;

  constructor(
    db: CallLogDatabase,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.insert = db.prepare('INSERT INTO call_events (call_id, at, kind, detail) SELECT @callId, @at, @kind, @detail WHERE EXISTS (SELECT 1 FROM calls WHERE id = @callId)');
    this.stampRinging = db.prepare('UPDATE calls SET ringing_at = @at WHERE id = @callId AND ringing_at IS NULL');
  }

  /** Adds one event now (or at `at`, e.g. a server time). */
  record(callId: string, kind: string, detail: string | null = null, at = this.clock.now()): void {
    try {
      this.insert.run({ callId, at: Math.round(at), kind, detail });
    } catch (error) {
      // The timeline is an aid: failing to write it must never disturb a call.
      this.logger.warn({ err: error, callId, kind }, 'timeline event not recorded');
    }
  }

  /**
   * Takes a published call and records what changed since the last time. `rowId` is its call-log row: Pilot's
   * id, which a call this agent dialed gets only once Pilot created it (its view keeps the local id).
   */
  observe(view: CallView, rowId: string = view.id): void {
    const before = this.followed.get(rowId);
    const now = this.clock.now();
    if (!before) {
      if (view.phase === 'ringing') {
        this.stampRinging.run({ callId: rowId, at: Math.round(now) });
        this.record(rowId, 'ringing', view.remoteStatus, now);
        // Recent and the call detail say the call rang while the agent was away, and why.
        if (view.quiet) this.record(rowId, 'quiet', view.quiet, now);
      } else {
        this.record(rowId, view.phase, view.outcome ?? null, now);
      }
    } else {
      if (before.remoteStatus !== view.remoteStatus) this.record(rowId, 'status', view.remoteStatus, now);
      if (before.phase !== view.phase) this.record(rowId, view.phase, view.phase === 'ended' ? (view.outcome ?? null) : null, now);
    }
    const errorCode = view.error?.code ?? null;
    if (errorCode && errorCode !== before?.errorCode) this.record(rowId, 'error', errorCode, now);
    this.followed.delete(rowId);
    this.followed.set(rowId, { phase: view.phase, remoteStatus: view.remoteStatus, errorCode });
    // Ended calls stay followed a while (a late update must not re-record "ended"), the oldest are let go.
    if (this.followed.size > 1000) this.followed.delete(this.followed.keys().next().value!);
  }
}
