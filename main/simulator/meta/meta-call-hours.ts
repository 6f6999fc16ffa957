import { SimError } from '../sim-error';

/**
 * Meta's checks on `call_hours` in a calling settings update, as Meta's
 * calling reference states them [doc]: `status` ENABLED/DISABLED, an IANA
 * `timezone_id`, `weekly_operating_hours` of `day_of_week` with `open_time`
 * before `close_time` (`HHMM`, 24-hour), at most two a day, and at most 20
 * `holiday_schedule` dates (`YYYY-MM-DD`, `start_time` before `end_time`).
 * Periods of one day that overlap, a date given twice and an enabled
 * schedule without a single period are refused too (Meta does not say what
 * it does with them [unknown]; refusing is the safe stand-in).
 *
 * Written apart from the app's own checks on purpose: the simulator stands
 * for Pilot Status, so a misreading in the app must not pass here as well.
 */

type Json = Record<string, unknown>;

const days = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const hhmm = /^([01]\d|2[0-3])[0-5]\d$/;

const refuse = (message: string): never => {
  throw new SimError(400, 'VALIDATION_ERROR', `call_hours: ${message}`);
};

const minuteOf = (value: unknown, field: string): number => {
  if (typeof value !== 'string' || !hhmm.test(value)) refuse(`${field} must be HHMM (24-hour), e.g. 0930`);
  const time = value as string;
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(2));
};

const entries = (hours: Json, field: string, required: boolean): Json[] => {
  const list = hours[field];
  if (list === undefined && !required) return [];
  if (!Array.isArray(list)) return refuse(`${field} must be an array`);
  return list.map((entry) => (entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Json) : refuse(`each ${field} entry must be an object`)));
};

const validTimeZone = (zone: unknown): boolean => {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** Checks a whole `call_hours` object; throws the first thing Meta would refuse. */
export const checkCallHours = (value: unknown): Json => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return refuse('must be an object');
  const hours = value as Json;
  if (hours.status !== 'ENABLED' && hours.status !== 'DISABLED') refuse('status must be ENABLED or DISABLED');
  if (!validTimeZone(hours.timezone_id)) refuse('timezone_id must be an IANA time zone, e.g. America/Sao_Paulo');
  const weekly = entries(hours, 'weekly_operating_hours', true);
  const byDay = new Map<string, [number, number][]>();
  for (const entry of weekly) {
    if (typeof entry.day_of_week !== 'string' || !days.includes(entry.day_of_week)) refuse(`day_of_week must be one of ${days.join(', ')}`);
    const open = minuteOf(entry.open_time, 'open_time');
    const close = minuteOf(entry.close_time, 'close_time');
    if (open >= close) refuse(`open_time must be before close_time (${String(entry.day_of_week)})`);
    byDay.set(entry.day_of_week as string, [...(byDay.get(entry.day_of_week as string) ?? []), [open, close]]);
  }
  for (const [day, periods] of byDay) {
    if (periods.length > 2) refuse(`at most 2 entries per day (${day})`);
    periods.sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < periods.length; i++) if (periods[i]![0] < periods[i - 1]![1]) refuse(`entries of ${day} overlap`);
  }
  if (hours.status === 'ENABLED' && weekly.length === 0) refuse('weekly_operating_hours needs at least one entry when call hours are enabled');
  const holidays = entries(hours, 'holiday_schedule', false);
  if (holidays.length > 20) refuse('at most 20 holiday_schedule entries');
  const dates = new Set<string>();
  for (const holiday of holidays) {
    const date = holiday.date;
    const noon = typeof date === 'string' ? new Date(`${date}T12:00:00Z`) : null;
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !noon || Number.isNaN(noon.getTime()) || noon.toISOString().slice(0, 10) !== date) {
      refuse('holiday_schedule date must be a date, YYYY-MM-DD');
    }
    if (minuteOf(holiday.start_time, 'start_time') >= minuteOf(holiday.end_time, 'end_time')) refuse(`start_time must be before end_time (${String(date)})`);
    if (dates.has(date as string)) refuse(`holiday_schedule has ${String(date)} twice`);
    dates.add(date as string);
  }
  return hours;
};
