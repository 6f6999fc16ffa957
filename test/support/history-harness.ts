import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { commandRequests, type CommandResults, type ExportProgress } from '../../preload/contract';
import { CallHistory } from '../../main/core/call-log/call-history';
import { CallLogRepository } from '../../main/core/call-log/call-log-repository';
import type { CallLogDatabase } from '../../main/core/call-log/database';
import type { EventSink } from '../../main/core/ports';
import { DomainEvents } from '../../main/core/domain-events';
import { systemClock } from '../../main/core/clock';
import { createTranslator } from '../../main/core/i18n/translator';
import { silentLogger } from '../../main/core/logging/logger';
import { exportFolderDestination } from '../../main/runtime/export-folder';

type HistoryCommand = keyof ReturnType<CallHistory['handlers']>;

/**
 * The call history as the app assembles it, over a given database, driven
 * the way the renderer drives it: each request goes through the contract's
 * schema before its handler.
 */
export const historyHarness = async (db: CallLogDatabase, exportsDir: string) => {
  const events: { event: string; payload: unknown }[] = [];
  const emit: EventSink = (event, payload) => events.push({ event, payload });
  const translate = await createTranslator('en');
  const history = new CallHistory({
    db,
    callLog: new CallLogRepository(db),
    clock: systemClock,
    logger: silentLogger(),
    emit,
    events: new DomainEvents(),
    translate: () => translate,
    line: () => undefined,
    isLive: () => false,
    destination: exportFolderDestination(exportsDir),
  });
  const handlers = history.handlers();
  const call = async <N extends HistoryCommand>(name: N, request: unknown): Promise<CommandResults[N]> => {
    const parsed = commandRequests[name].parse(request);
    return (await (handlers[name] as (r: unknown) => unknown)(parsed)) as CommandResults[N];
  };
  /** Runs an export to its end and returns the parsed CSV (header row first, unless `read` is false) and the final progress. */
  const exportCsv = async (request: unknown, read = true): Promise<{ rows: string[][]; progress: ExportProgress; bytes: Buffer }> => {
    const started = await call('history.export', request);
    for (;;) {
      const end = events.find((e) => e.event === 'history.exportProgress' && (e.payload as ExportProgress).exportId === started.exportId && (e.payload as ExportProgress).state !== 'running');
      if (end) {
        const progress = end.payload as ExportProgress;
        if (progress.state !== 'done') throw new Error(`export ended ${progress.state}: ${progress.error?.message}`);
        if (!read) return { rows: [], progress, bytes: Buffer.alloc(0) };
        const bytes = readFileSync(progress.path);
        return { rows: parse(bytes, { bom: true, relax_column_count: false }) as string[][], progress, bytes };
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  return { history, call, exportCsv, events };
};
