import { z } from 'zod';
import { command, id } from './define';
import { typedNumber } from './calls';

export type PermissionStatus = 'no_permission' | 'temporary' | 'permanent';

export interface PermissionLimitView {
  /** ISO-8601 duration as Meta gives it, e.g. `PT24H`, `P7D`. */
  timePeriod: string;
  maxAllowed: number;
  currentUsage: number;
}

/** `GET /v1/calls/permissions` for one customer, as the agent sees it. */
export interface CallPermissionView {
  accountId: string;
  /** E.164. */
  to: string;
  /** Meta's status as it came; the three known ones are {@link PermissionStatus}. */
  status: PermissionStatus | string;
  /** ISO time a temporary permission ends. */
  expiresAt: string | null;
  canCall: boolean;
  canRequest: boolean;
  requestLimits: PermissionLimitView[];
  callLimits: PermissionLimitView[];
  /** A permission request was sent and its answer has not been seen yet. */
  requestPending: boolean;
  checkedAt: string;
}

export interface CallingSettingsView {
  accountId: string;
  /** `ENABLED`, `DISABLED`, or what Meta said. */
  status: string;
}

/** Meta-number commands: a customer's calling permission, and the number's calling settings. */
export const metaNumberCommands = {
  'permissions.check': command(z.object({ accountId: id, to: typedNumber }).strict()).returns<CallPermissionView>(),
  'permissions.request': command(z.object({ accountId: id, to: typedNumber }).strict()).returns<CallPermissionView>(),
  'calling.status': command(z.object({ accountId: id }).strict()).returns<CallingSettingsView>(),
  'calling.enable': command(z.object({ accountId: id }).strict()).returns<CallingSettingsView>(),
};

export interface MetaNumberEvents {
  /** A permission changed (e.g. the customer answered a request). */
  'permissions.changed': CallPermissionView;
}
