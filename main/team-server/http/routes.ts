import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { HttpError, sendError, sendJson } from './http-io';

export interface RoutesDeps {
  /** Redis and PostgreSQL answer and the instance has started. */
  ready: () => Promise<{ ready: boolean; checks: Record<string, boolean> }>;
  metrics: Registry;
  webhook: (request: IncomingMessage, response: ServerResponse, path: string) => Promise<void>;
  exportHistory: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;
}

/**
 * The team server's HTTP surface besides the agent socket:
 * `/healthz` (the process answers), `/readyz` (it can serve: Redis and
 * PostgreSQL answer), `/metrics` (Prometheus), the Pilot Status webhooks and
 * the history export.
 */
export const createRequestHandler = (deps: RoutesDeps) => (request: IncomingMessage, response: ServerResponse): void => {
  const url = new URL(request.url ?? '/', 'http://team');
  const path = url.pathname;
  const route = async (): Promise<void> => {
    if (path === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (path === '/readyz') {
      const state = await deps.ready();
      return sendJson(response, state.ready ? 200 : 503, state);
    }
    if (path === '/metrics') {
      const text = await deps.metrics.metrics();
      response.writeHead(200, { 'content-type': deps.metrics.contentType });
      response.end(text);
      return;
    }
    if (path.startsWith('/webhooks/')) return deps.webhook(request, response, path);
    if (path === '/v1/history/export') return deps.exportHistory(request, response, url);
    throw new HttpError(404, 'NOT_FOUND', 'Not found');
  };
  route().catch((error: unknown) => sendError(response, error));
};
