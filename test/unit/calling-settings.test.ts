import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandRequests, weekdays, type CallHoursRequest, type CallingSettingsView } from '../../preload/contract';
import { AppFailure } from '../../main/core/errors';
import { callingSettingsOf, callingSettingsPatch } from '../../main/core/providers/meta/calling-settings';
import { checkCallHours } from '../../main/simulator/meta/meta-call-hours';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import type { SimNumber } from '../../main/simulator/sim-state';
import { startTestSimulator } from '../support/sim';
import { ok, startAgent, type TestAgent } from '../support/softphone-agent';
import { tempDir } from '../support/temp-dir';

const weekdaysNine = (): CallHoursRequest['weekly'] => weekdays.slice(0, 5).map((day) => ({ day, open: '09:00', close: '18:00' }));
const hours = (over: Partial<CallHoursRequest> = {}): CallHoursRequest => ({ enabled: true, timeZone: 'America/Sao_Paulo', weekly: weekdaysNine(), holidays: [], ...over });

/** The refusal of an update, as code and details; null when it would be sent. */
const refusal = (callHours: CallHoursRequest) => {
  try {
    callingSettingsPatch({ callHours });
    return null;
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    return { code: error.code, details: error.details };
  }
};

describe('Meta calling settings: checked before PUT /v1/calls/settings', () => {
  it('sends only what changed, in Meta\'s names; call hours whole, times as HHMM; never sip', () => {
    expect(callingSettingsPatch({ status: 'DISABLED' })).toEqual({ status: 'DISABLED' });
    const patch = callingSettingsPatch({
      callIconVisibility: 'DISABLE_ALL',
      callbackPermission: 'ENABLED',
      callHours: hours({ weekly: [{ day: 'MONDAY', open: '08:30', close: '12:00' }, { day: 'MONDAY', open: '13:00', close: '17:45' }], holidays: [{ date: '2026-12-25', start: '00:00', end: '23:59' }] }),
    });
    expect(patch).toEqual({
      call_icon_visibility: 'DISABLE_ALL',
      callback_permission_status: 'ENABLED',
      call_hours: {
        status: 'ENABLED',
        timezone_id: 'America/Sao_Paulo',
        weekly_operating_hours: [
          { day_of_week: 'MONDAY', open_time: '0830', close_time: '1200' },
          { day_of_week: 'MONDAY', open_time: '1300', close_time: '1745' },
        ],
        holiday_schedule: [{ date: '2026-12-25', start_time: '0000', end_time: '2359' }],
      },
    });
    expect(() => callingSettingsPatch({})).toThrow(AppFailure);
    // The contract itself has no field for sip.
    expect(commandRequests['calling.update'].safeParse({ accountId: 'a', sip: { status: 'ENABLED' } }).success).toBe(false);
  });

  it('refuses each bad schedule with the code of one sentence and the values it names', () => {
    expect(refusal(hours({ timeZone: 'Mars/Olympus' }))).toEqual({ code: 'TIME_ZONE_UNKNOWN', details: { timeZone: 'Mars/Olympus' } });
    expect(refusal(hours({ weekly: [{ day: 'TUESDAY', open: '18:00', close: '09:00' }] }))).toEqual({ code: 'CALL_HOURS_ORDER', details: { day: 'TUESDAY', open: '18:00', close: '09:00' } });
    expect(refusal(hours({ weekly: [{ day: 'MONDAY', open: '09:00', close: '12:00' }, { day: 'MONDAY', open: '11:00', close: '14:00' }] }))).toEqual({
      code: 'CALL_HOURS_OVERLAP',
      details: { day: 'MONDAY', first: '09:00–12:00', second: '11:00–14:00' },
    });
    const three = ['08:00', '10:00', '12:00'].map((open, i) => ({ day: 'FRIDAY' as const, open, close: `0${9 + i * 2}:00`.slice(-5) }));
    expect(refusal(hours({ weekly: three }))).toEqual({ code: 'CALL_HOURS_DAY_LIMIT', details: { day: 'FRIDAY', max: 2 } });
    expect(refusal(hours({ weekly: [] }))).toEqual({ code: 'CALL_HOURS_EMPTY', details: {} });
    expect(refusal(hours({ enabled: false, weekly: [] }))).toBeNull();
    expect(refusal(hours({ holidays: [{ date: '2026-02-30', start: '00:00', end: '23:59' }] }))).toEqual({ code: 'HOLIDAY_DATE_INVALID', details: { date: '2026-02-30' } });
    expect(refusal(hours({ holidays: [{ date: '2026-12-24', start: '14:00', end: '08:00' }] }))).toMatchObject({ code: 'HOLIDAY_ORDER' });
    const twice = { date: '2026-12-25', start: '00:00', end: '23:59' };
    expect(refusal(hours({ holidays: [twice, twice] }))).toEqual({ code: 'HOLIDAY_DUPLICATE', details: { date: '2026-12-25' } });
    // Periods that only touch do not overlap.
    expect(refusal(hours({ weekly: [{ day: 'MONDAY', open: '09:00', close: '12:00' }, { day: 'MONDAY', open: '12:00', close: '18:00' }] }))).toBeNull();
  });

  it('checks shapes in the contract: HH:MM times, YYYY-MM-DD dates, at most 20 holidays', () => {
    const parse = (callHours: unknown) => commandRequests['calling.update'].safeParse({ accountId: 'a', callHours });
    expect(parse(hours({ weekly: [{ day: 'MONDAY', open: '9:00', close: '18:00' }] })).error?.issues[0]?.message).toBe('CALL_HOURS_TIME_FORMAT');
    expect(parse(hours({ weekly: [{ day: 'MONDAY', open: '24:00', close: '18:00' }] })).error?.issues[0]?.message).toBe('CALL_HOURS_TIME_FORMAT');
    expect(parse(hours({ holidays: [{ date: '25/12/2026', start: '00:00', end: '23:59' }] })).error?.issues[0]?.message).toBe('HOLIDAY_DATE_FORMAT');
    const many = Array.from({ length: 21 }, (_, i) => ({ date: `2027-01-${String(i + 1).padStart(2, '0')}`, start: '00:00', end: '23:59' }));
    expect(parse(hours({ holidays: many })).error?.issues[0]?.message).toBe('HOLIDAYS_TOO_MANY');
  });

  it('reads the settings Meta sends (bare or under calling), keeping values it does not know', () => {
    const body = {
      calling: {
        status: 'ENABLED',
        call_icon_visibility: 'DEFAULT',
        callback_permission_status: 'SOMETHING_NEW',
        call_hours: { status: 'ENABLED', timezone_id: 'America/Manaus', weekly_operating_hours: [{ day_of_week: 'MONDAY', open_time: '0400', close_time: '1020' }], holiday_schedule: [] },
        sip: { status: 'DISABLED' },
      },
    };
    expect(callingSettingsOf('line_1', body)).toEqual<CallingSettingsView>({
      accountId: 'line_1',
      status: 'ENABLED',
      callIconVisibility: 'DEFAULT',
      callbackPermission: 'SOMETHING_NEW',
      callHours: { enabled: true, timeZone: 'America/Manaus', weekly: [{ day: 'MONDAY', open: '04:00', close: '10:20' }], holidays: [] },
    });
    expect(callingSettingsOf('line_1', {})).toMatchObject({ status: 'UNKNOWN', callHours: null });
  });

  it('agrees with the simulator on every schedule: what the app sends the simulator takes, what the app refuses the simulator refuses', () => {
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 59)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    // Mostly well-ordered periods on few days, so schedules near every limit (a third period, a touching one) come up often.
    const span = fc.tuple(time, time, fc.integer({ min: 0, max: 9 })).map(([a, b, roll]) => (roll < 8 ? (a <= b ? [a, b] : [b, a]) : [a, b]) as [string, string]);
    const schedule = fc.record({
      enabled: fc.boolean(),
      timeZone: fc.constantFrom('America/Sao_Paulo', 'America/Manaus', 'Europe/Lisbon', 'America/Sao_Paulo', 'Nowhere/City'),
      weekly: fc.array(fc.tuple(fc.constantFrom<(typeof weekdays)[number]>('MONDAY', 'TUESDAY', 'SATURDAY'), span).map(([day, [open, close]]) => ({ day, open, close })), { maxLength: 5 }),
      holidays: fc.array(fc.tuple(fc.constantFrom('2026-12-25', '2026-12-31', '2027-02-29', '2027-01-01'), span).map(([date, [start, end]]) => ({ date, start, end })), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(schedule, (callHours) => {
        const appRefuses = refusal(callHours) !== null;
        const wire = {
          status: callHours.enabled ? 'ENABLED' : 'DISABLED',
          timezone_id: callHours.timeZone,
          weekly_operating_hours: callHours.weekly.map((p) => ({ day_of_week: p.day, open_time: p.open.replace(':', ''), close_time: p.close.replace(':', '') })),
          holiday_schedule: callHours.holidays.map((h) => ({ date: h.date, start_time: h.start.replace(':', ''), end_time: h.end.replace(':', '') })),
        };
        let simRefuses = false;
        try {
          checkCallHours(wire);
        } catch {
          simRefuses = true;
        }
        expect(simRefuses).toBe(appRefuses);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('Meta calling settings through the core and the simulator', () => {
  let dir: ReturnType<typeof tempDir>;
  let sim: RunningSimulator;
  let meta: SimNumber;
  let agent: TestAgent;
  let metaLine: string;
  let webLine: string;

  beforeEach(async () => {
    dir = tempDir();
    sim = await startTestSimulator();
    meta = sim.simulator.addNumber({ provider: 'META' });
    const web = sim.simulator.addNumber({ provider: 'EVO_GO' });
    agent = await startAgent(dir.path);
    metaLine = (ok(await agent.phone.dispatch('accounts.add', { label: 'Meta', provider: 'META', apiKey: meta.apiKey, baseUrl: sim.url })) as { id: string }).id;
    webLine = (ok(await agent.phone.dispatch('accounts.add', { label: 'Web', provider: 'EVO_GO', apiKey: web.apiKey, baseUrl: sim.url })) as { id: string }).id;
  });
  afterEach(async () => {
    agent.phone.stop();
    agent.db.close();
    await sim.close();
    dir.remove();
  });

  const stored = () => sim.simulator.meta.settings.get(meta.id).settings;

  it('saves call hours whole (holidays left out are gone), and leaves the number untouched when the schedule is refused', async () => {
    const saved = ok(await agent.phone.dispatch('calling.update', { accountId: metaLine, callHours: hours({ holidays: [{ date: '2026-12-25', start: '00:00', end: '23:59' }] }) })) as CallingSettingsView;
    expect(saved.callHours).toMatchObject({ enabled: true, timeZone: 'America/Sao_Paulo', holidays: [{ date: '2026-12-25', start: '00:00', end: '23:59' }] });
    expect(stored().call_hours).toMatchObject({ holiday_schedule: [{ date: '2026-12-25', start_time: '0000', end_time: '2359' }] });

    ok(await agent.phone.dispatch('calling.update', { accountId: metaLine, callHours: hours() }));
    expect(stored().call_hours).toMatchObject({ holiday_schedule: [] });
    const before = structuredClone(stored());

    const overlap = hours({ weekly: [{ day: 'MONDAY', open: '09:00', close: '12:00' }, { day: 'MONDAY', open: '11:00', close: '14:00' }] });
    expect(await agent.phone.dispatch('calling.update', { accountId: metaLine, status: 'DISABLED', callHours: overlap })).toMatchObject({ ok: false, error: { code: 'CALL_HOURS_OVERLAP' } });
    expect(stored()).toEqual(before);

    ok(await agent.phone.dispatch('calling.update', { accountId: metaLine, callIconVisibility: 'DISABLE_ALL', callbackPermission: 'DISABLED' }));
    expect(stored()).toMatchObject({ call_icon_visibility: 'DISABLE_ALL', callback_permission_status: 'DISABLED', call_hours: before.call_hours });
  });

  it('offers calling settings on Meta lines only', async () => {
    expect(await agent.phone.dispatch('calling.status', { accountId: webLine })).toMatchObject({ ok: false, error: { code: 'FEATURE_NOT_SUPPORTED' } });
    expect(await agent.phone.dispatch('calling.update', { accountId: webLine, status: 'ENABLED' })).toMatchObject({ ok: false, error: { code: 'FEATURE_NOT_SUPPORTED' } });
    expect(ok(await agent.phone.dispatch('calling.status', { accountId: metaLine }))).toMatchObject({ status: 'ENABLED', callHours: { enabled: false } });
  });

  it('the simulator refuses sip and a bad call_hours as Pilot Status does, changing nothing', async () => {
    const put = (body: unknown) => fetch(`${sim.url}/v1/calls/settings`, { method: 'PUT', headers: { 'x-api-key': meta.apiKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const before = structuredClone(stored());
    for (const body of [
      { sip: { status: 'ENABLED' } },
      { status: 'DISABLED', call_hours: { status: 'ENABLED', timezone_id: 'America/Sao_Paulo', weekly_operating_hours: [{ day_of_week: 'MONDAY', open_time: '1800', close_time: '0900' }] } },
      { call_hours: { status: 'ENABLED', timezone_id: 'Not/AZone', weekly_operating_hours: [] } },
      { call_hours: 'always' },
    ]) {
      const response = await put(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe('VALIDATION_ERROR');
    }
    expect(stored()).toEqual(before);
  });
});
