import { z } from 'zod';
import { weekdays, type Weekday } from './constants';
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


/** When customers can call the number: a weekly schedule in a time zone, with dates that differ (holidays). Times are `HH:MM`, 24-hour. */
export interface CallHoursView {
  enabled: boolean;
  /** IANA time zone, e.g. `America/Sao_Paulo`. */
  timeZone: string;
  /** At most two periods a day, not overlapping. */
  weekly: { day: Weekday; open: string; close: string }[];
  /** Up to 20 dates (`YYYY-MM-DD`) with their own hours. */
  holidays: { date: string; start: string; end: string }[];
}

/** Meta's calling settings of a number, as the agent edits them. Values Meta sent that the app does not know are kept as they came. */
export interface CallingSettingsView {
  accountId: string;
  /** `ENABLED`, `DISABLED`, or what Meta said. */
  status: string;
  /** `DEFAULT` (the call button shows) or `DISABLE_ALL`. */
  callIconVisibility: string;
  /** `ENABLED`: a customer who calls is asked to let the business call back. */
  callbackPermission: string;
  /** Null while the number has no call hours set (customers may call at any time). */
  callHours: CallHoursView | null;
}

export const callHoursLimits = { periodsPerDay: 2, holidays: 20 } as const;

/** `HH:MM`, 00:00 to 23:59. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'CALL_HOURS_TIME_FORMAT');

const callHoursSchema = z
  .object({
    enabled: z.boolean(),
    timeZone: z.string().trim().min(1, 'TIME_ZONE_REQUIRED').max(100, 'TIME_ZONE_UNKNOWN'),
    weekly: z.array(z.object({ day: z.enum(weekdays), open: clockTime, close: clockTime }).strict()).max(weekdays.length * callHoursLimits.periodsPerDay, 'CALL_HOURS_DAY_LIMIT'),
    holidays: z
      .array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'HOLIDAY_DATE_FORMAT'), start: clockTime, end: clockTime }).strict())
      .max(callHoursLimits.holidays, 'HOLIDAYS_TOO_MANY'),
  })
  .strict();

export type CallHoursRequest = z.output<typeof callHoursSchema>;

/** Meta-number commands: a customer's calling permission, and the number's calling settings. */
export const metaNumberCommands = {
  'permissions.check': command(z.object({ accountId: id, to: typedNumber }).strict()).returns<CallPermissionView>(),
  'permissions.request': command(z.object({ accountId: id, to: typedNumber }).strict()).returns<CallPermissionView>(),
  'calling.status': command(z.object({ accountId: id }).strict()).returns<CallingSettingsView>(),
  'calling.enable': command(z.object({ accountId: id }).strict()).returns<CallingSettingsView>(),
  /**
   * Changes some of the calling settings (`PUT /v1/calls/settings`, contract §3); what is left out stays as it is.
   * Call hours are sent whole: they replace the number's. Checked on the main side before anything is sent.
   */
  'calling.update': command(
    z
      .object({
        accountId: id,
        status: z.enum(['ENABLED', 'DISABLED']).optional(),
        callIconVisibility: z.enum(['DEFAULT', 'DISABLE_ALL']).optional(),
        callbackPermission: z.enum(['ENABLED', 'DISABLED']).optional(),
        callHours: callHoursSchema.optional(),
      })
      .strict(),
  ).returns<CallingSettingsView>(),
};

export interface MetaNumberEvents {
  /** A permission changed (e.g. the customer answered a request). */
  'permissions.changed': CallPermissionView;
}
