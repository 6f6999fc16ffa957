import { serializeCall, type SimCall } from './sim-state';
import type { SimCallEvent, Simulator } from './simulator';

/** How deliveries to one address misbehave, on demand (delivery is undocumented: contract §4). */
export interface WebhookChaos {
  /** Probability (0..1) that an event is delivered a second time. */
  duplicates?: number;
  /** Each event is held back and delivered after the number's next one (pairs swap places). */
  reorder?: boolean;
  /** Extra wait before each delivery, in ms: a fixed value or a [min, max] range. */
  delayMs?: number | [number, number];
  /** Seed of the chaos's random choices, so a test run can be repeated exactly. */
  seed?: number;
  /** Attempts after a failed delivery (network error or 5xx), with a short backoff. */
  retries?: number;
}

export interface WebhookTarget extends WebhookChaos {
  numberId: string;
  /** Where to POST, secret included (path) unless `secretHeader` carries it. */
  url: string;
  /** Sent as `x-pilot-webhook-secret` when set. */
  secretHeader?: string;
}

export interface WebhookStats {
  delivered: number;
  duplicated: number;
  failed: number;
}

/** The event name Pilot Status uses for a call's new status (contract §4). */
export const webhookEventOf = (call: SimCall, status: string): string => {
  if (status === 'ACCEPTED') return 'call.connected';
  if (call.endedAt === null) return 'call.ringing';
  return call.connectedAt === null && call.direction === 'INBOUND' && status !== 'REJECTED' ? 'call.missed' : 'call.ended';
};

const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

interface Route extends WebhookTarget {
  random: () => number;
  held: Record<string, unknown> | null;
}

/**
 * Pilot Status's webhooks, from the simulator: every call change of a
 * number is POSTed as flat JSON (the Call object plus `event`) to the
 * address it is given, with duplicates, reordering and delays on demand, so
 * a receiver's dedupe and reconciliation are proven against the worst the
 * undocumented delivery may do.
 */
export class WebhookSender {
  readonly stats: WebhookStats = { delivered: 0, duplicated: 0, failed: 0 };
  private readonly routes = new Map<string, Route>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly listener = (event: SimCallEvent) => this.onCall(event);

  constructor(
    private readonly simulator: Simulator,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    simulator.on('call', this.listener);
  }

  target(target: WebhookTarget): void {
    this.simulator.number(target.numberId);
    this.routes.set(target.numberId, { ...target, random: mulberry32(target.seed ?? 1), held: null });
  }

  remove(numberId: string): boolean {
    const route = this.routes.get(numberId);
    if (route?.held) this.dispatch(route, route.held);
    return this.routes.delete(numberId);
  }

  targets(): WebhookTarget[] {
    return [...this.routes.values()].map(({ random: _random, held: _held, ...target }) => target);
  }

  /** Delivers any event held back for reordering, then waits for every delivery under way. */
  async drain(): Promise<void> {
    for (const route of this.routes.values()) {
      if (route.held) {
        const held = route.held;
        route.held = null;
        this.dispatch(route, held);
      }
    }
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  close(): void {
    this.simulator.off('call', this.listener);
    this.routes.clear();
  }

  private onCall({ call, status }: SimCallEvent): void {
    const route = this.routes.get(call.numberId);
    if (!route) return;
    const provider = this.simulator.number(call.numberId).provider;
    const payload = { event: webhookEventOf(call, status), ...serializeCall({ ...call, status }, provider, false) };
    if (route.reorder) {
      const held = route.held;
      route.held = held ? null : payload;
      if (!held) return;
      this.dispatch(route, payload);
      this.dispatch(route, held);
      return;
    }
    this.dispatch(route, payload);
  }

  private dispatch(route: Route, payload: Record<string, unknown>): void {
    const copies = route.duplicates && route.random() < route.duplicates ? 2 : 1;
    if (copies === 2) this.stats.duplicated += 1;
    for (let i = 0; i < copies; i += 1) {
      const delay = Array.isArray(route.delayMs)
        ? route.delayMs[0] + route.random() * (route.delayMs[1] - route.delayMs[0])
        : (route.delayMs ?? 0);
      const delivery = this.deliver(route, payload, delay + i * 5).finally(() => this.inFlight.delete(delivery));
      this.inFlight.add(delivery);
    }
  }

  private async deliver(route: Route, payload: Record<string, unknown>, delayMs: number): Promise<void> {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (route.secretHeader) headers['x-pilot-webhook-secret'] = route.secretHeader;
    const attempts = 1 + (route.retries ?? 3);
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        const response = await this.fetchImpl(route.url, { method: 'POST', headers, body: JSON.stringify(payload), signal: AbortSignal.timeout(5000) });
        await response.arrayBuffer().catch(() => undefined);
        if (response.status < 500) {
          if (response.ok) this.stats.delivered += 1;
          else this.stats.failed += 1;
          return;
        }
      } catch {
        // network failure: retried below
      }
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, 100 * attempt).unref());
    }
    this.stats.failed += 1;
  }
}

const senders = new WeakMap<Simulator, WebhookSender>();

/** The simulator's webhook sender (made on first use). */
export const webhooksOf = (simulator: Simulator, fetchImpl?: typeof fetch): WebhookSender => {
  let sender = senders.get(simulator);
  if (!sender) senders.set(simulator, (sender = new WebhookSender(simulator, fetchImpl)));
  return sender;
};
