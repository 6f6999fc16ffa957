import { PilotClient } from '../core/pilot/pilot-client';
import type { TeamServerConfig } from './config';
import type { TeamMetrics } from './metrics';

/** `GET /v1/calls/call_1/accept` → `accept`, `GET /v1/calls` → `list`: a small, fixed set of metric labels. */
export const operationOf = (method: string, url: string): string => {
  const path = new URL(url).pathname.replace(/\/+$/, '');
  if (path === '/v1/calls') return method === 'GET' ? 'list' : 'dial';
  const action = /^\/v1\/calls\/[^/]+\/([a-z-]+)$/.exec(path)?.[1];
  if (path.startsWith('/v1/calls/permissions')) return 'permissions';
  if (path === '/v1/calls/settings') return 'settings';
  return action ?? 'get';
};

/**
 * One Pilot Status client per number, each reading its key from the keys
 * file's contents held in memory (never logged, never sent to agents), and
 * counting every request for `/metrics`.
 */
export const createPilotClients = (config: TeamServerConfig, metrics: TeamMetrics, fetchImpl: typeof fetch = fetch): Map<string, PilotClient> => {
  const counted: typeof fetch = async (input, init) => {
    const operation = operationOf(init?.method ?? 'GET', String(input));
    try {
      const response = await fetchImpl(input, init);
      metrics.pilotRequests.inc({ operation, outcome: String(response.status) });
      return response;
    } catch (error) {
      metrics.pilotRequests.inc({ operation, outcome: 'network' });
      throw error;
    }
  };
  const clients = new Map<string, PilotClient>();
  for (const number of config.numbers) {
    const apiKey = config.keys.get(number.id)!.apiKey;
    clients.set(number.id, new PilotClient({ baseUrl: number.baseUrl ?? config.pilotBaseUrl, apiKey: async () => apiKey, fetch: counted }));
  }
  return clients;
};
