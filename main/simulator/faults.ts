/**
 * Faults the simulator can inject into `/v1/*` answers, so tests prove the
 * app survives a misbehaving API:
 * - `server-error`: 500 with an error body
 * - `timeout`: the request is held and never answered
 * - `malformed`: 200 with a body cut off mid-JSON
 * - `unknown-status`: the list gains a call in a status nobody documents and an entry with no id
 * - `rate-limit`: 429 with `Retry-After`
 */
export const faultKinds = ['server-error', 'timeout', 'malformed', 'unknown-status', 'rate-limit'] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultRule {
  kind: FaultKind;
  /** Requests left to spoil; unlimited when absent. */
  remaining?: number;
  /** Epoch ms after which the rule lapses; never when absent. */
  until?: number;
  /** For `rate-limit`: the Retry-After seconds to send. */
  retryAfterSeconds?: number;
}

export class FaultPlan {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  active(): readonly FaultRule[] {
    this.prune(Date.now());
    return this.rules;
  }

  /** The fault to apply to the next request, consuming one use of it. */
  take(now = Date.now()): FaultRule | null {
    this.prune(now);
    const rule = this.rules[0];
    if (!rule) return null;
    if (rule.remaining !== undefined) rule.remaining -= 1;
    return rule;
  }

  private prune(now: number): void {
    this.rules = this.rules.filter((r) => (r.remaining === undefined || r.remaining > 0) && (r.until === undefined || r.until > now));
  }
}
