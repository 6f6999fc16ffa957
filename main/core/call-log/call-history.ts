import type { CommandResults, EventName, EventPayloads, ParsedRequest } from '../../../preload/contract';
import type { EventSink } from '../calls/call-service';
import { isoTime, type Clock } from '../clock';
import type { Translate } from '../i18n/translator';
import type { Logger } from '../logging/logger';
import type { CallLogRepository } from './call-log-repository';
import { CallTimeline } from './call-timeline';
import type { CallLogDatabase } from './database';
import type { ExportDestination } from './export-destination';
import { HistoryExports } from './history-exports';
import { HistoryRepository } from './history-repository';
import { historyStats } from './history-stats';
import type { CallLogRecovery } from './open-call-log';
import { Reconciler, type ReconcileLine } from './reconcile';

export interface CallHistoryDeps {
  db: CallLogDatabase;
  callLog: CallLogRepository;
  clock: Clock;
  logger: Logger;
  emit: EventSink;
  translate: () => Translate;
  line: (accountId: string) => ReconcileLine | undefined;
  isLive: (callId: string) => boolean;
  destination?: ExportDestination;
  recovery?: CallLogRecovery | null;
}

type HistoryCommand = Extract<keyof CommandResults, `history.${string}`>;
export type HistoryHandlers = {
  [N in HistoryCommand]: (request: ParsedRequest<N>) => Promise<CommandResults[N]> | CommandResults[N];
};

/**
 * The call history as the core offers it: queries, call detail and edits,
 * stats, CSV export, the event timeline and reconciliation. It rides on the
 * core's event stream (`observe`) instead of being called by the call
 * service: views of calls feed the timeline, a line coming (back) online
 * starts a reconciliation.
 */
export class CallHistory {
  readonly repository: HistoryRepository;
  readonly timeline: CallTimeline;
  readonly reconciler: Reconciler;
  readonly exports: HistoryExports;
  /** Call views published before their call had a row (a ringing call is shown first, logged right after). */
  private readonly awaitingRow = new Map<string, EventPayloads['calls.changed']>();

  constructor(private readonly deps: CallHistoryDeps) {
    this.repository = new HistoryRepository(deps.db);
    this.timeline = new CallTimeline(deps.db, deps.clock, deps.logger);
    this.reconciler = new Reconciler({ ...deps, timeline: this.timeline });
    this.exports = new HistoryExports({
      history: this.repository,
      destination: () => deps.destination ?? null,
      translate: deps.translate,
      emit: deps.emit,
      clock: deps.clock,
      logger: deps.logger,
    });
  }

  /**
   * Sees every core event before the hosts do. A call view whose call is not
   * logged yet waits for its `log.changed`, so its timeline event has a row to
   * belong to.
   */
  observe<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    if (event === 'calls.changed') {
      const view = payload as EventPayloads['calls.changed'];
      if (this.deps.callLog.has(view.id)) this.timeline.observe(view);
      else this.awaitingRow.set(view.id, view);
      // A call on a line that is gone is never logged: do not keep waiting for it.
      if (this.awaitingRow.size > 100) this.awaitingRow.delete(this.awaitingRow.keys().next().value!);
    }
    if (event === 'log.changed') {
      const id = (payload as EventPayloads['log.changed']).id;
      const view = this.awaitingRow.get(id);
      this.awaitingRow.delete(id);
      if (view) this.timeline.observe(view);
    }
    if (event === 'connections.changed') {
      const connection = payload as EventPayloads['connections.changed'];
      if (connection.state === 'ok') this.reconcileSoon(connection.accountId);
    }
  }

  /** Reconciles a line in the background; failures are logged and retried on the next reconnection. */
  reconcileSoon(accountId: string): void {
    this.reconciler.reconcile(accountId).catch((error: unknown) => {
      this.deps.logger.warn({ accountId, code: (error as { code?: string }).code, err: error }, 'reconciliation failed');
    });
  }

  stop(): void {
    this.exports.cancelAll();
  }

  handlers(): HistoryHandlers {
    return {
      'history.query': (r) => this.repository.page(r.filter, r.sort, r.limit, r.after),
      'history.get': (r) => this.repository.detail(r.callId),
      'history.annotate': (r) => {
        const { callId, ...annotation } = r;
        const detail = this.repository.annotate(callId, annotation, this.deps.clock.now());
        const entry = this.deps.callLog.get(callId);
        if (entry) this.deps.emit('log.changed', entry);
        return detail;
      },
      'history.stats': (r) => historyStats(this.repository, r.filter),
      'history.export': (r) => this.exports.start(r.filter, r.sort),
      'history.exportCancel': (r) => ({ cancelled: this.exports.cancel(r.exportId) }),
      'history.status': () => {
        const recovery = this.deps.recovery;
        return { recovery: recovery ? { ...recovery, at: isoTime(recovery.at) } : null, lines: this.repository.lines() };
      },
    };
  }
}
