import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The instance's Prometheus metrics (`/metrics`), in a registry of its own so
 * several instances in one process (tests) do not share counters.
 * Rates (events/s, Pilot requests/s) are `rate()` over the counters.
 */
export const createTeamMetrics = (instance: string) => {
  const registry = new Registry();
  registry.setDefaultLabels({ instance });
  collectDefaultMetrics({ register: registry, prefix: 'team_server_' });
  return {
    registry,
    agentsConnected: new Gauge({ name: 'team_agents_connected', help: 'Agent sockets open on this instance', registers: [registry] }),
    intake: new Counter({
      name: 'team_events_total',
      help: 'Call snapshots taken in, by source (webhook, poll, confirm, action) and what the diff made of them',
      labelNames: ['source', 'result'] as const,
      registers: [registry],
    }),
    webhooks: new Counter({ name: 'team_webhooks_total', help: 'Webhook requests, by outcome', labelNames: ['outcome'] as const, registers: [registry] }),
    pilotRequests: new Counter({
      name: 'team_pilot_requests_total',
      help: 'Requests this instance sent to Pilot Status, by operation and outcome',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
    }),
    fanoutLatency: new Histogram({
      name: 'team_fanout_latency_seconds',
      help: 'From the server learning of a call change to the message leaving for an agent socket',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    historyWrites: new Counter({ name: 'team_history_writes_total', help: 'Stream entries written to PostgreSQL', registers: [registry] }),
    pollLeases: new Gauge({ name: 'team_poll_leases_held', help: 'Numbers this instance polls now', registers: [registry] }),
  };
};

export type TeamMetrics = ReturnType<typeof createTeamMetrics>;
