import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { ExportProgress, HistoryFilter, HistorySort } from '../../../preload/contract';
import type { EventSink } from '../ports';
import type { Clock } from '../clock';
import { AppFailure, toAppError } from '../errors';
import type { Translate } from '../i18n/translator';
import type { Logger } from '../logging/logger';
import { writeCallLogCsv } from './call-log-csv';
import type { ExportDestination } from './export-destination';
import type { HistoryRepository } from './history-repository';
import { whereOf } from './history-sql';

export interface HistoryExportsDeps {
  history: HistoryRepository;
  destination: () => ExportDestination | null;
  translate: () => Translate;
  emit: EventSink;
  clock: Clock;
  logger: Logger;
  /** Least time between two progress events of one export. */
  progressEveryMs?: number;
}

export const fileStamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace(/[:T]/g, '-');

/** One export: how many calls it will hold, the file's suggested name, and what writes it (resolving with the rows written). */
export interface ExportJob {
  total: number;
  fileName: string;
  write: (out: Writable, signal: AbortSignal, onRows: (written: number) => void) => Promise<number>;
}

/**
 * CSV exports of the history under way: each writes in the background,
 * reports progress as `history.exportProgress` events (throttled, plus one
 * when it ends) and can be cancelled. The file takes its final name only
 * when complete, so a crash or cancel never leaves a truncated export that
 * looks finished.
 */
export class HistoryExports {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: HistoryExportsDeps) {}

  /** Exports this computer's call log under a filter. */
  async start(filter: HistoryFilter, sort: HistorySort): Promise<ExportProgress> {
    const where = whereOf(filter);
    const total = (this.deps.history.statement(`SELECT count(*) AS n FROM calls ${where.sql}`).get(where.params) as { n: number }).n;
    return this.run({
      total,
      fileName: `call-log-${fileStamp(this.deps.clock.now())}.csv`,
      write: (out, signal, onRows) =>
        writeCallLogCsv({ history: this.deps.history, filter, sort, translate: this.deps.translate(), out, signal, onRows }),
    });
  }

  /**
   * Runs an export that another history writes (a team server's): the same
   * file handling, progress events and cancelling as the local one.
   */
  async run(job: ExportJob): Promise<ExportProgress> {
    const destination = this.deps.destination();
    if (!destination) throw new AppFailure('EXPORT_UNAVAILABLE', 'This host cannot save files.');
    const exportId = `export_${randomUUID()}`;
    const { total } = job;
    const target = await destination.open(job.fileName);
    if (!target) return { exportId, state: 'cancelled', written: 0, total, path: '' };
    const controller = new AbortController();
    this.running.set(exportId, controller);
    const progress: ExportProgress = { exportId, state: 'running', written: 0, total, path: target.path };
    const every = this.deps.progressEveryMs ?? 250;
    let lastSent = 0;
    const report = (force = false) => {
      const now = this.deps.clock.now();
      if (!force && now - lastSent < every) return;
      lastSent = now;
      this.deps.emit('history.exportProgress', { ...progress });
    };
    this.deps.logger.info({ exportId, total, path: target.path }, 'export started');
    void job
      .write(target.stream, controller.signal, (written) => {
        progress.written = written;
        report();
      })
      .then(async (written) => {
        await target.commit();
        Object.assign(progress, { state: 'done', written });
        this.deps.logger.info({ exportId, written }, 'export finished');
      })
      .catch(async (error: unknown) => {
        await target.discard().catch(() => undefined);
        if (controller.signal.aborted) {
          progress.state = 'cancelled';
        } else {
          Object.assign(progress, { state: 'failed', error: toAppError(error) });
          this.deps.logger.error({ err: error, exportId }, 'export failed');
        }
      })
      .finally(() => {
        this.running.delete(exportId);
        report(true);
      });
    return { ...progress };
  }

  cancel(exportId: string): boolean {
    const controller = this.running.get(exportId);
    controller?.abort();
    return Boolean(controller);
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
