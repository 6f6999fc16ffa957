import type { CommandName } from '../../../preload/contract';
import { isoTime, type Clock } from '../clock';
import type { Handlers } from '../commands/dispatcher';
import type { DomainEvents } from '../domain-events';
import type { Translate } from '../i18n/translator';
import type { Logger } from '../logging/logger';
import type { ContactLookup, EventSink } from '../ports';
import type { DispositionCheck } from '../settings/dispositions';
import { CallContactNames } from './call-contact-names';
import type { CallLogRepository } from './call-log-repository';
import { CallTimeline } from './call-timeline';
import type { CallLogDatabase } from './database';
import type { ExportDestination } from './export-destination';
import { HistoryExports } from './history-exports';
import { HistoryRepository } from './history-repository';
import { historyStats } from './history-stats';
import { LiveCallNotes } from './live-call-notes';
import type { CallLogRecovery } from './open-call-log';
import { Reconciler, type ReconcileLine } from './reconcile';

export interface CallHistoryDeps {
  db: CallLogDatabase;
  callLog: CallLogRepository;
  clock: Clock;
  logger: Logger;
  /** The window: told of each row written and of export progress. */
  emit: EventSink;
  /** What happens to calls and lines, followed here to write the log and its timeline. */
  events: DomainEvents;
  translate: () => Translate;
  line: (accountId: string) => ReconcileLine | undefined;
  isLive: (callId: string) => boolean;
  /** Whether a call is on screen (live or just ended): its notes may be written before it has a row. */
  isOnScreen?: (callId: string) => boolean;
  /** The name of the contact a number belongs to; a call is logged with it. */
  contactName?: ContactLookup;
  /** The team's rule for dispositions (a list, free text or not). */
  checkDisposition?: DispositionCheck;
  destination?: ExportDestination;
  recovery?: CallLogRecovery | null;
}

type HistoryCommand = Extract<CommandName, `history.${string}` | `callNotes.${string}`> | 'log.list';

const anyDisposition: DispositionCheck = (value) => value?.trim() || null;

/**
 * The call history as the core offers it: queries, call detail and edits,
 * stats, CSV export, the event timeline and reconciliation. It follows the
 * core's domain events instead of being called by the call service: each
 * published call is written to the log (then its timeline), a call met past
 * its ringing is logged, and a line coming (back) online is reconciled.
 */
export class CallHistory {
  readonly repository: HistoryRepository;
  readonly timeline: CallTimeline;
  readonly reconciler: Reconciler;
  readonly exports: HistoryExports;
  readonly liveNotes: LiveCallNotes;
  readonly contactNames: CallContactNames;
  private readonly checkDisposition: DispositionCheck;

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
    deps.events.on('call.transitioned', ({ view, record }) => {
      if (!record) return;
      this.written(record);
      // After the row, so the timeline event has a row to belong to.
      this.timeline.observe(view, record.id);
    });
    deps.events.on('call.seen', ({ record }) => this.written(record));
    deps.events.on('line.connection', ({ accountId, state }) => {
      if (state === 'ok') this.reconcileSoon(accountId);
    });
    const told = (callId: string) => this.tell(callId);
    this.contactNames = new CallContactNames(deps.db, deps.events, told, deps.logger);
    this.checkDisposition = deps.checkDisposition ?? anyDisposition;
    // After the log's own subscription: held notes are written once the call's row exists.
    this.liveNotes = new LiveCallNotes({
      repository: this.repository,
      events: deps.events,
      clock: deps.clock,
      isOnScreen: deps.isOnScreen ?? deps.isLive,
      checkDisposition: this.checkDisposition,
      saved: told,
    });
  }

  /** Logs a call with its customer's name: the contact's when the number is one, else what Pilot Status sent. */
  private written(record: Parameters<CallLogRepository['upsert']>[0]): void {
    const contactName = this.deps.contactName?.(record.peerNumber) ?? record.contactName ?? null;
    this.deps.emit('log.changed', this.deps.callLog.upsert({ ...record, contactName }, this.deps.clock.now()));
  }

  /** The window hears that a logged call changed (a name, notes), so its history rows reread it. */
  private tell(callId: string): void {
    const entry = this.deps.callLog.get(callId);
    if (entry) this.deps.emit('log.changed', entry);
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

  handlers(): Handlers<HistoryCommand> {
    return {
      'log.list': (request) => this.deps.callLog.list(request),
      'history.query': (r) => this.repository.page(r.filter, r.sort, r.limit, r.after),
      'history.get': (r) => this.repository.detail(r.callId),
      'history.annotate': (r) => {
        const { callId, disposition, ...annotation } = r;
        const current = disposition === undefined ? null : (this.repository.notesOf(callId)?.disposition ?? null);
        const checked = disposition === undefined ? undefined : this.checkDisposition(disposition, current);
        const detail = this.repository.annotate(callId, { ...annotation, disposition: checked }, this.deps.clock.now());
        this.tell(callId);
        return detail;
      },
      'callNotes.get': ({ callId }) => this.liveNotes.get(callId),
      'callNotes.save': ({ callId, notes, disposition }) => this.liveNotes.save(callId, { notes, disposition }),
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
