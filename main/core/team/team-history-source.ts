import { pipeline } from 'node:stream/promises';
import { localHistory, type CallDetail, type CallNotesView, type CommandName, type HistoryStatus, type Locale, type ParsedRequest } from '../../../preload/contract';
import type { HistoryExports } from '../call-log/history-exports';
import { fileStamp } from '../call-log/history-exports';
import type { Clock } from '../clock';
import type { Handlers } from '../commands/dispatcher';
import type { Logger } from '../logging/logger';
import { PilotApiError } from '../pilot/pilot-error';
import type { PendingAnnotation } from './annotation-backlog';
import { CsvRecordCounter } from './csv-record-counter';
import type { TeamLine } from './team-line';

type HistoryCommand = Extract<CommandName, `history.${string}` | `callNotes.${string}`> | 'log.list';

export interface TeamHistorySourceDeps {
  /** This computer's call log. */
  local: Handlers<HistoryCommand>;
  teams: { line(id: string): TeamLine; lineOfAccount(accountId: string): TeamLine | undefined };
  /** The exports under way (local and team alike: one progress event, one cancel). */
  exports: Pick<HistoryExports, 'run'>;
  locale: () => Locale;
  clock: Clock;
  logger: Logger;
}

/** Failures that may pass (the server is away, slow or restarting): the edit waits in the backlog instead. */
const mayPass = (error: unknown): boolean =>
  error instanceof PilotApiError && (error.kind !== 'http' || error.status === undefined || error.status >= 500 || error.status === 429);

const annotationOf = (detail: CallDetail, editedAt: number): PendingAnnotation => ({
  callId: detail.id,
  notes: detail.notes,
  disposition: detail.disposition,
  tags: detail.tags,
  contactName: detail.contactName,
  // Whole milliseconds: the team server takes an integer time (the clock may give fractions).
  editedAt: Math.round(editedAt),
});

/**
 * The history commands with a source: this computer's call log (`local`),
 * or a team line's team history, answered by its team server with the same
 * filters, search, stats and CSV export. Notes written on a team call, in
 * either view, reach the team history through the team line's durable
 * backlog (or at once, when written in the team view and the server is there).
 */
export const historyHandlersWithSources = (deps: TeamHistorySourceDeps): Handlers<HistoryCommand> => {
  const { local } = deps;
  const team = (source: string): TeamLine | null => (source === localHistory ? null : deps.teams.line(source));

  const annotateLocal = async (request: ParsedRequest<'history.annotate'>): Promise<CallDetail> => {
    const detail = await local['history.annotate'](request);
    const line = deps.teams.lineOfAccount(detail.accountId);
    if (line) {
      await line.annotate(annotationOf(detail, deps.clock.now())).catch((error: unknown) => {
        deps.logger.error({ err: error, callId: detail.id }, 'team annotation could not be kept for upload');
      });
    }
    return detail;
  };

  /** Written in the team view: complete (missing fields as the team has them), sent at once, kept for later only if the server is away. */
  const annotateTeam = async (line: TeamLine, request: ParsedRequest<'history.annotate'>): Promise<CallDetail> => {
    const { callId, source: _source, ...edit } = request;
    const current = await line.historyCall(callId);
    const item = annotationOf({ ...current, ...Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)) } as CallDetail, deps.clock.now());
    try {
      await line.connection.request('history.annotate', { ...item });
    } catch (error) {
      if (!mayPass(error)) throw error;
      await line.annotate(item);
      return { ...current, notes: item.notes, disposition: item.disposition, tags: item.tags, contactName: item.contactName };
    }
    // The agent's own copy of the call (if this computer logged it) says the same.
    await (async () => local['history.annotate']({ ...edit, callId, source: localHistory }))().catch(() => undefined);
    return line.historyCall(callId).catch(() => ({ ...current, ...item }));
  };

  const exportTeam = async (line: TeamLine, request: ParsedRequest<'history.export'>) => {
    const { total } = await line.historyStats(request.filter);
    return deps.exports.run({
      total,
      fileName: `team-history-${fileStamp(deps.clock.now())}.csv`,
      write: async (out, signal, onRows) => {
        const counter = new CsvRecordCounter(onRows);
        const written = pipeline(counter, out);
        try {
          await line.exportHistory(request.filter, request.sort, deps.locale(), counter, signal);
        } catch (error) {
          counter.destroy(error as Error);
          await written.catch(() => undefined);
          throw error;
        }
        await written;
        return counter.records;
      },
    });
  };

  // Notes written during the call (saved as typed) go to the team history like those written in History afterwards.
  const saveLiveNotes = async (request: ParsedRequest<'callNotes.save'>): Promise<CallNotesView> => {
    const saved = await local['callNotes.save'](request);
    if (saved.state !== 'saved') return saved;
    try {
      const detail = await local['history.get']({ callId: saved.callId, source: localHistory });
      await deps.teams.lineOfAccount(detail.accountId)?.annotate(annotationOf(detail, deps.clock.now()));
    } catch (error) {
      deps.logger.warn({ err: error, callId: saved.callId }, 'live call notes not kept for the team history; an edit in History sends them');
    }
    return saved;
  };
  const status = async (line: TeamLine): Promise<HistoryStatus> => {
    const view = line.view();
    const lines = view.numbers.map((n) => ({ accountId: n.id, label: n.label }));
    // Supervisors read every number's calls: the numbers the history has calls on are offered too.
    if (view.agent?.role === 'supervisor') {
      for (const l of (await line.historyStats({})).perLine) if (!lines.some((x) => x.accountId === l.accountId)) lines.push({ accountId: l.accountId, label: l.lineLabel });
    }
    return { recovery: null, lines };
  };

  return {
    'log.list': (r) => local['log.list'](r),
    'callNotes.get': (r) => local['callNotes.get'](r),
    'callNotes.save': saveLiveNotes,
    'history.query': (r) => team(r.source)?.queryHistory({ filter: r.filter, sort: r.sort, limit: r.limit, after: r.after }) ?? local['history.query'](r),
    'history.get': (r) => team(r.source)?.historyCall(r.callId) ?? local['history.get'](r),
    'history.stats': (r) => team(r.source)?.historyStats(r.filter) ?? local['history.stats'](r),
    'history.annotate': (r) => {
      const line = team(r.source);
      return line ? annotateTeam(line, r) : annotateLocal(r);
    },
    'history.export': (r) => {
      const line = team(r.source);
      return line ? exportTeam(line, r) : local['history.export'](r);
    },
    'history.exportCancel': (r) => local['history.exportCancel'](r),
    'history.status': (r) => {
      const line = team(r.source);
      return line ? status(line) : local['history.status'](r);
    },
  };
};
