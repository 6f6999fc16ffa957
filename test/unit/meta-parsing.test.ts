import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallPermissionView } from '../../preload/contract';
import { setupAttributes, withSetupActive } from '../../main/core/providers/meta/sdp';
import { silentLogger } from '../../main/core/logging/logger';
import { parseDialedNumber } from '../../main/core/phone';
import { PilotClient } from '../../main/core/pilot/pilot-client';
import { httpError } from '../../main/core/pilot/pilot-error';
import { parsePermission, PermissionService } from '../../main/core/providers/meta/permissions';
import { startSimulatorServer, type RunningSimulator } from '../../main/simulator/sim-server';
import { Simulator } from '../../main/simulator/simulator';
import { ManualClock } from '../support/manual-clock';

const fixture = (name: string) => readFileSync(`/work/shared/fixtures/${name}`, 'utf8');

describe('dialed numbers', () => {
  it.each([
    ['(11) 98765-4321', '+5511987654321'],
    ['11 98765 4321', '+5511987654321'],
    ['011 98765-4321', '+5511987654321'],
    ['+55 21 99887-7665', '+5521998877665'],
    ['0055 31 99123 4567', '+5531991234567'],
    ['+1 415 555 2671', '+14155552671'],
  ])('%s → %s', (typed, e164) => expect(parseDialedNumber(typed)).toBe(e164));

  it.each(['', '123', '(11) 1234', 'abc', '+55 00 98765-4321', '+55 11 98765-43210'])('refuses %j', (typed) => expect(parseDialedNumber(typed)).toBeNull());
});

describe('offer rewriting for Pilot', () => {
  it('turns every actpass into active and leaves an answer untouched', () => {
    const offer = fixture('whatsapp-uic-offer.sdp');
    expect(setupAttributes(offer)).toEqual(['actpass']);
    expect(setupAttributes(withSetupActive(offer))).toEqual(['active']);
    expect(withSetupActive(offer).replace('a=setup:active', 'a=setup:actpass')).toBe(offer);
    const answer = fixture('whatsapp-bic-answer.sdp');
    expect(withSetupActive(answer)).toBe(answer);
  });
});

describe('Meta errors', () => {
  it('keeps a specific Pilot code and names Meta numbers behind a generic one', () => {
    expect(httpError(400, { code: 'META_CALL_PERMISSION_REQUIRED', error: { code: 138006 } }).code).toBe('META_CALL_PERMISSION_REQUIRED');
    expect(httpError(400, { code: 'META_API_ERROR', error: { code: 138015 } }).code).toBe('META_CALLING_TIER_TOO_LOW');
    expect(httpError(400, { error: { code: 131044, message: 'x' } }).code).toBe('META_CALLING_PAYMENT_REQUIRED');
    expect(httpError(400, { code: 'META_API_ERROR', error: { code: 100, error_subcode: 2494010 } }).code).toBe('META_INVALID_SDP');
    expect(httpError(400, { code: 'META_API_ERROR', error: { code: 99999 } }).code).toBe('META_API_ERROR');
    const limit = httpError(400, { code: 'META_CALL_PERMISSION_REQUEST_LIMIT', nextAllowedAt: '2026-01-06T12:00:00.000Z' });
    expect(limit.toAppError().details).toMatchObject({ nextAllowedAt: '2026-01-06T12:00:00.000Z', status: 400 });
  });
});

describe('permissions', () => {
  it('parses the documented shape and tolerates a surprising one', () => {
    const view = parsePermission(
      {
        permission: { status: 'temporary', expiration_time: 1767787200 },
        actions: [
          { action_name: 'start_call', can_perform_action: true, limits: [{ time_period: 'PT24H', max_allowed: 100, current_usage: 3 }] },
          { action_name: 'send_call_permission_request', can_perform_action: false, limits: [] },
        ],
      },
      { accountId: 'a', to: '+5511987654321', checkedAt: 0, requestPending: true },
    );
    expect(view).toMatchObject({ status: 'temporary', expiresAt: '2026-01-07T12:00:00.000Z', canCall: true, canRequest: false, requestPending: false });
    expect(view.callLimits).toEqual([{ timePeriod: 'PT24H', maxAllowed: 100, currentUsage: 3 }]);
    expect(parsePermission({ permission: { status: 'pending_review' } }, { accountId: 'a', to: 'x', checkedAt: 0, requestPending: false })).toMatchObject({
      status: 'pending_review',
      canCall: false,
      canRequest: false,
      expiresAt: null,
    });
  });

  describe('against the simulator', () => {
    let sim: RunningSimulator;
    beforeEach(async () => {
      sim = await startSimulatorServer({ simulator: new Simulator(), controlToken: 'c' });
    });
    afterEach(() => sim.close());

    it('after a request, re-checks until the customer answers and reports the change', async () => {
      const number = sim.simulator.addNumber({ provider: 'META' });
      const client = new PilotClient({ baseUrl: sim.url, apiKey: async () => number.apiKey });
      const clock = new ManualClock();
      const changes: CallPermissionView[] = [];
      const service = new PermissionService({
        clock,
        logger: silentLogger(),
        emit: (event, payload) => event === 'permissions.changed' && changes.push(payload as CallPermissionView),
        client: () => client,
        watchEveryMs: 3000,
      });
      expect(await service.check('line', '+5511987654321')).toMatchObject({ status: 'no_permission', canCall: false, canRequest: true, requestPending: false });
      const requested = await service.request('line', '+5511987654321');
      expect(requested).toMatchObject({ status: 'no_permission', requestPending: true, canRequest: false });
      await clock.advanceSettling(3000);
      await expect.poll(() => changes.length).toBe(0);
      sim.simulator.meta.answerPermissionRequest('+5511987654321', 'temporary');
      await clock.advanceSettling(3000);
      await expect.poll(() => changes.at(-1)?.status).toBe('temporary');
      expect(changes.at(-1)).toMatchObject({ canCall: true, requestPending: false });
      const count = changes.length;
      await clock.advanceSettling(10_000);
      expect(changes.length).toBe(count);
      service.stopAll();
    });
  });
});
