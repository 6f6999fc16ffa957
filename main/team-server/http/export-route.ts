import type { IncomingMessage, ServerResponse } from 'node:http';
import { historyFilterSchema, historySortSchema, locales, type Locale } from '../../../preload/contract';
import { csvColumns, writeHistoryCsv } from '../../core/call-log/csv-export';
import { createTranslator, type Translate } from '../../core/i18n/translator';
import type { Logger } from '../../core/logging/logger';
import { scopeOf } from '../actions/history-actions';
import type { AgentStore } from '../agents/agent-store';
import type { TeamHistory } from '../history/team-history';
import { bearerToken, HttpError, sendError } from './http-io';

export interface ExportRouteDeps {
  agents: Pick<AgentStore, 'authenticate'>;
  history: TeamHistory;
  logger: Logger;
}

const readJsonParam = (url: URL, name: string): unknown => {
  const text = url.searchParams.get(name);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'VALIDATION_ERROR', `${name} must be JSON`);
  }
};

/**
 * `GET /v1/history/export?filter=<json>&sort=<json>&lang=pt-BR` with an
 * agent token: the team history under the filter as CSV, streamed in keyset
 * batches with backpressure (memory stays flat at any size), with the local
 * export's columns, formula neutralising and byte order mark. An agent gets
 * their numbers' calls; a supervisor the whole team's.
 */
export const createExportRoute = (deps: ExportRouteDeps) => {
  const translators = new Map<Locale, Promise<Translate>>();
  const translator = (locale: Locale) => {
    let t = translators.get(locale);
    if (!t) translators.set(locale, (t = createTranslator(locale)));
    return t;
  };
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    try {
      if (request.method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Exports are GET requests');
      const agent = await deps.agents.authenticate(bearerToken(request));
      if (!agent) throw new HttpError(401, 'UNAUTHORIZED', 'An agent token is required');
      const filter = historyFilterSchema.safeParse(readJsonParam(url, 'filter') ?? {});
      const sort = historySortSchema.safeParse(readJsonParam(url, 'sort') ?? { key: 'time', order: 'desc' });
      if (!filter.success || !sort.success) throw new HttpError(400, 'VALIDATION_ERROR', (filter.error ?? sort.error)!.issues[0]!.message);
      const lang = url.searchParams.get('lang') ?? 'en';
      const locale: Locale = (locales as readonly string[]).includes(lang) ? (lang as Locale) : 'en';
      const scope = scopeOf(agent);
      const controller = new AbortController();
      response.on('close', () => !response.writableFinished && controller.abort());
      response.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="team-history-${new Date().toISOString().slice(0, 10)}.csv"`,
        'cache-control': 'no-store',
      });
      const rows = await writeHistoryCsv({
        history: { pageRows: (f, s, limit, after, full) => deps.history.pageRows(f, s, limit, after, full, scope) },
        filter: filter.data,
        sort: sort.data,
        columns: csvColumns(await translator(locale)),
        out: response,
        signal: controller.signal,
      });
      deps.logger.info({ agentId: agent.id, rows }, 'team history exported');
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      if (!(error instanceof HttpError)) deps.logger.error({ err: error }, 'team history export failed');
      sendError(response, error);
    }
  };
};
