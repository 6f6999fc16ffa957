import type { CallPermissionView, PermissionLimitView } from '../../../../preload/contract';
import type { EventSink } from '../../ports';
import { isoTime, type Clock, type TimerHandle } from '../../clock';
import type { Logger } from '../../logging/logger';
import type { PilotClient } from '../../pilot/pilot-client';

type PermissionClient = Pick<PilotClient, 'getPermissions' | 'requestPermission'>;

export interface PermissionServiceDeps {
  clock: Clock;
  logger: Logger;
  emit: EventSink;
  client: (accountId: string) => PermissionClient;
  /** While a request waits for the customer's answer, re-check this often... */
  watchEveryMs?: number;
  /** ...for at most this long. */
  watchForMs?: number;
}

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

const limitsOf = (action: Record<string, unknown>): PermissionLimitView[] =>
  (Array.isArray(action.limits) ? action.limits : []).map((raw) => {
    const limit = record(raw);
    return {
      timePeriod: String(limit.time_period ?? ''),
      maxAllowed: Number(limit.max_allowed ?? 0),
      currentUsage: Number(limit.current_usage ?? 0),
    };
  });

/**
 * Reads `GET /v1/calls/permissions` leniently (contract §3): an unknown
 * status is kept as it came; a missing action is taken as not allowed.
 */
export const parsePermission = (body: unknown, base: { accountId: string; to: string; checkedAt: number; requestPending: boolean }): CallPermissionView => {
  const permission = record(record(body).permission);
  const actions = (Array.isArray(record(body).actions) ? (record(body).actions as unknown[]) : []).map(record);
  const action = (name: string) => actions.find((a) => a.action_name === name) ?? {};
  const status = typeof permission.status === 'string' ? permission.status : 'unknown';
  const expiration = typeof permission.expiration_time === 'number' ? permission.expiration_time * 1000 : null;
  return {
    accountId: base.accountId,
    to: base.to,
    status,
    expiresAt: expiration === null ? null : isoTime(expiration),
    canCall: action('start_call').can_perform_action === true,
    canRequest: action('send_call_permission_request').can_perform_action === true,
    requestLimits: limitsOf(action('send_call_permission_request')),
    callLimits: limitsOf(action('start_call')),
    requestPending: base.requestPending && status === 'no_permission',
    checkedAt: isoTime(base.checkedAt),
  };
};

/**
 * Call permissions of META numbers: checked before dialing, requested on the
 * agent's click, and — since the customer's answer arrives only as a webhook
 * the desktop cannot receive — re-checked until it changes, so the dialer
 * reflects it without a restart.
 */
export class PermissionService {
  private readonly watches = new Map<string, { timer: TimerHandle | null; until: number; last: string }>();

  constructor(private readonly deps: PermissionServiceDeps) {}

  async check(accountId: string, to: string): Promise<CallPermissionView> {
    const body = await this.deps.client(accountId).getPermissions(to);
    return parsePermission(body, { accountId, to, checkedAt: this.deps.clock.now(), requestPending: this.watches.has(key(accountId, to)) });
  }

  async request(accountId: string, to: string): Promise<CallPermissionView> {
    await this.deps.client(accountId).requestPermission(to);
    this.deps.logger.info({ accountId }, 'call permission requested');
    const view = await this.check(accountId, to).catch(() => null);
    this.watch(accountId, to, view ? fingerprint(view) : '');
    const pending = view ?? parsePermission({}, { accountId, to, checkedAt: this.deps.clock.now(), requestPending: true });
    return { ...pending, requestPending: pending.status === 'no_permission' || pending.status === 'unknown' };
  }

  stopAll(): void {
    for (const watch of this.watches.values()) if (watch.timer) this.deps.clock.clearTimeout(watch.timer);
    this.watches.clear();
  }

  /** Forgets the watches of a line that was removed. */
  forgetLine(accountId: string): void {
    for (const [id, watch] of this.watches) {
      if (!id.startsWith(`${accountId}|`)) continue;
      if (watch.timer) this.deps.clock.clearTimeout(watch.timer);
      this.watches.delete(id);
    }
  }

  private watch(accountId: string, to: string, last: string): void {
    const id = key(accountId, to);
    const existing = this.watches.get(id);
    if (existing?.timer) this.deps.clock.clearTimeout(existing.timer);
    const watch = { timer: null as TimerHandle | null, until: this.deps.clock.now() + (this.deps.watchForMs ?? 10 * 60_000), last };
    this.watches.set(id, watch);
    const tick = async () => {
      watch.timer = null;
      let view: CallPermissionView | null = null;
      try {
        view = await this.check(accountId, to);
      } catch (error) {
        this.deps.logger.warn({ accountId, err: error }, 'permission re-check failed');
      }
      if (this.watches.get(id) !== watch) return;
      const answered = view !== null && view.status !== 'no_permission';
      if (answered || this.deps.clock.now() >= watch.until) this.watches.delete(id);
      if (view && (answered || fingerprint(view) !== watch.last)) {
        watch.last = fingerprint(view);
        this.deps.emit('permissions.changed', { ...view, requestPending: !answered && this.watches.has(id) });
      }
      if (this.watches.get(id) === watch) watch.timer = this.deps.clock.setTimeout(() => void tick(), this.deps.watchEveryMs ?? 3000);
    };
    watch.timer = this.deps.clock.setTimeout(() => void tick(), this.deps.watchEveryMs ?? 3000);
  }
}

const key = (accountId: string, to: string): string => `${accountId}|${to}`;
const fingerprint = (view: CallPermissionView): string => `${view.status}|${view.expiresAt}|${view.canCall}|${view.canRequest}`;
