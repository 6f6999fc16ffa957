import { SimError } from '../sim-error';
import { checkCallHours } from './meta-call-hours';
import * as errors from './meta-errors';

/** Meta's calling settings of one business number, as `GET /v1/calls/settings` returns them. */
export interface CallingSettings {
  status: 'ENABLED' | 'DISABLED';
  call_icon_visibility: 'DEFAULT' | 'DISABLE_ALL';
  callback_permission_status: 'ENABLED' | 'DISABLED';
  call_hours: Record<string, unknown>;
  sip: { status: 'ENABLED' | 'DISABLED' };
}

export interface MetaNumberState {
  settings: CallingSettings;
  /** Daily messaging limit (tier); calling needs at least 2,000. */
  messagingLimit: number;
  paymentMethod: boolean;
  readonly enabled: boolean;
}

const enumField = <T extends string>(body: Record<string, unknown>, field: string, allowed: readonly T[]): T | undefined => {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new SimError(400, 'VALIDATION_ERROR', `${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
};

/** Calling settings and account facts per business number. */
export class MetaNumberSettings {
  private readonly numbers = new Map<string, MetaNumberState>();

  get(numberId: string): MetaNumberState {
    let state = this.numbers.get(numberId);
    if (!state) {
      state = {
        settings: { status: 'ENABLED', call_icon_visibility: 'DEFAULT', callback_permission_status: 'ENABLED', call_hours: { status: 'DISABLED' }, sip: { status: 'DISABLED' } },
        messagingLimit: 100_000,
        paymentMethod: true,
        get enabled() {
          return this.settings.status === 'ENABLED';
        },
      };
      this.numbers.set(numberId, state);
    }
    return state;
  }

  /** `PUT /v1/calls/settings`: a partial update; `call_hours` replaces the whole object; `sip` is refused. */
  update(numberId: string, body: Record<string, unknown>): void {
    const state = this.get(numberId);
    if ('sip' in body) throw new SimError(400, 'VALIDATION_ERROR', 'sip settings cannot be changed through Pilot Status');
    const status = enumField(body, 'status', ['ENABLED', 'DISABLED'] as const);
    const icon = enumField(body, 'call_icon_visibility', ['DEFAULT', 'DISABLE_ALL'] as const);
    const callback = enumField(body, 'callback_permission_status', ['ENABLED', 'DISABLED'] as const);
    // Checked whole before anything changes: a refused update leaves every setting as it was.
    const hours = body.call_hours === undefined ? undefined : checkCallHours(body.call_hours);
    if (status === 'ENABLED' && state.messagingLimit < 2000) throw errors.tierTooLow();
    if (status) state.settings.status = status;
    if (icon) state.settings.call_icon_visibility = icon;
    if (callback) state.settings.callback_permission_status = callback;
    // call_hours replaces the whole object (contract §3): holidays left out are gone.
    if (hours) state.settings.call_hours = structuredClone(hours);
  }
}
