import { callHoursLimits, weekdays, type CallHoursRequest, type CallHoursView, type CallingSettingsView, type CommandRequest, type Weekday } from '../../../../preload/contract';
import { AppFailure } from '../../errors';

/**
 * Meta's calling settings (contract §3, `GET`/`PUT /v1/calls/settings`) as
 * the agent edits them. Meta's rules for call hours, from its calling
 * settings reference [doc]: an IANA `timezone_id`; `weekly_operating_hours`
 * entries of `day_of_week`, `open_time`, `close_time` as `HHMM`, at most two
 * a day, each opening before it closes; up to 20 `holiday_schedule` dates
 * (`YYYY-MM-DD`, `start_time` before `end_time`). Overlapping periods and a
 * date given twice are refused here too: Meta's behaviour for them is not
 * documented [unknown], and neither can mean anything the agent intended.
 */

type Json = Record<string, unknown>;

const object = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
/** `0930` → `09:30`; anything else as it came. */
const fromMetaTime = (value: unknown): string => {
  const time = text(value, '');
  return /^\d{4}$/.test(time) ? `${time.slice(0, 2)}:${time.slice(2)}` : time;
};
const toMetaTime = (time: string): string => time.replace(':', '');

const callHoursOf = (value: unknown): CallHoursView | null => {
  if (!value || typeof value !== 'object') return null;
  const hours = object(value);
  const list = (field: string) => (Array.isArray(hours[field]) ? (hours[field] as unknown[]).map(object) : []);
  return {
    enabled: hours.status === 'ENABLED',
    timeZone: text(hours.timezone_id, ''),
    weekly: list('weekly_operating_hours').map((entry) => ({ day: text(entry.day_of_week, '') as Weekday, open: fromMetaTime(entry.open_time), close: fromMetaTime(entry.close_time) })),
    holidays: list('holiday_schedule').map((entry) => ({ date: text(entry.date, ''), start: fromMetaTime(entry.start_time), end: fromMetaTime(entry.end_time) })),
  };
};

/** The settings as Meta sent them (bare, or under `calling`), read leniently: unknown values are kept as strings. */
export const callingSettingsOf = (accountId: string, body: unknown): CallingSettingsView => {
  const record = object(body);
  const calling = record.calling && typeof record.calling === 'object' ? object(record.calling) : record;
  return {
    accountId,
    status: text(calling.status, 'UNKNOWN'),
    callIconVisibility: text(calling.call_icon_visibility, 'UNKNOWN'),
    callbackPermission: text(calling.callback_permission_status, 'UNKNOWN'),
    callHours: callHoursOf(calling.call_hours),
  };
};

const minutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const knownTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const realDate = (date: string): boolean => {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
};

/** What is wrong with a schedule, as the code of one sentence and the values it names; null when Meta will take it. */
export const callHoursProblem = (hours: CallHoursRequest): { code: string; details: Record<string, string | number> } | null => {
  if (!knownTimeZone(hours.timeZone)) return { code: 'TIME_ZONE_UNKNOWN', details: { timeZone: hours.timeZone } };
  for (const period of hours.weekly) {
    if (minutes(period.open) >= minutes(period.close)) return { code: 'CALL_HOURS_ORDER', details: { ...period } };
  }
  for (const day of weekdays) {
    const periods = hours.weekly.filter((p) => p.day === day).sort((a, b) => minutes(a.open) - minutes(b.open));
    if (periods.length > callHoursLimits.periodsPerDay) return { code: 'CALL_HOURS_DAY_LIMIT', details: { day, max: callHoursLimits.periodsPerDay } };
    for (let i = 1; i < periods.length; i++) {
      const [first, second] = [periods[i - 1]!, periods[i]!];
      if (minutes(second.open) < minutes(first.close)) {
        return { code: 'CALL_HOURS_OVERLAP', details: { day, first: `${first.open}–${first.close}`, second: `${second.open}–${second.close}` } };
      }
    }
  }
  if (hours.enabled && hours.weekly.length === 0) return { code: 'CALL_HOURS_EMPTY', details: {} };
  const seen = new Set<string>();
  for (const holiday of hours.holidays) {
    if (!realDate(holiday.date)) return { code: 'HOLIDAY_DATE_INVALID', details: { date: holiday.date } };
    if (minutes(holiday.start) >= minutes(holiday.end)) return { code: 'HOLIDAY_ORDER', details: { ...holiday } };
    if (seen.has(holiday.date)) return { code: 'HOLIDAY_DUPLICATE', details: { date: holiday.date } };
    seen.add(holiday.date);
  }
  return null;
};

type CallingUpdate = Omit<CommandRequest<'calling.update'>, 'accountId'>;

/**
 * The body of `PUT /v1/calls/settings` for an update, after checking it:
 * only the fields given, call hours whole (they replace the number's), never
 * `sip` (Pilot Status refuses it). Throws the first problem as an AppFailure.
 */
export const callingSettingsPatch = (update: CallingUpdate): Json => {
  const patch: Json = {};
  if (update.status) patch.status = update.status;
  if (update.callIconVisibility) patch.call_icon_visibility = update.callIconVisibility;
  if (update.callbackPermission) patch.callback_permission_status = update.callbackPermission;
  if (update.callHours) {
    const problem = callHoursProblem(update.callHours);
    if (problem) throw new AppFailure(problem.code, 'The call hours cannot be saved as they are.', problem.details);
    const hours = update.callHours;
    patch.call_hours = {
      status: hours.enabled ? 'ENABLED' : 'DISABLED',
      timezone_id: hours.timeZone,
      weekly_operating_hours: hours.weekly.map((p) => ({ day_of_week: p.day, open_time: toMetaTime(p.open), close_time: toMetaTime(p.close) })),
      holiday_schedule: hours.holidays.map((h) => ({ date: h.date, start_time: toMetaTime(h.start), end_time: toMetaTime(h.end) })),
    };
  }
  if (Object.keys(patch).length === 0) throw new AppFailure('CALLING_SETTINGS_EMPTY', 'Nothing to change.');
  return patch;
};
