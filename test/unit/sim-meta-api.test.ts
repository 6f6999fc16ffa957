import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulatorServer, type RunningSimulator } from '../../main/simulator/sim-server';
import { Simulator } from '../../main/simulator/simulator';
import type { SimNumber } from '../../main/simulator/sim-state';
import { CustomerPhone } from '../../main/simulator/meta/customer-phone';
import { setupValues } from '../../main/simulator/meta/sdp-rules';

let sim: RunningSimulator;
let meta: SimNumber;
let web: SimNumber;
const closers: (() => Promise<void>)[] = [];

// Test reads of loosely shaped JSON bodies.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

const api = async (number: SimNumber, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'x-api-key': number.apiKey, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Body };
};

/** An offer as the app makes it: a real peer's offer, its copy rewritten to `a=setup:active`. */
const businessOffer = async () => {
  const { phone, offer } = await CustomerPhone.calling({ kind: 'tone', hz: 1000 });
  closers.push(() => phone.close());
  return { phone, offer: offer.replace(/^a=setup:actpass/gm, 'a=setup:active') };
};

beforeEach(async () => {
  sim = await startSimulatorServer({ simulator: new Simulator({ ringTimeoutMs: 10_000 }), controlToken: 'control' });
  meta = sim.simulator.addNumber({ provider: 'META' });
  web = sim.simulator.addNumber({ provider: 'EVO_GO' });
});

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await sim.close();
});

describe('simulator: Meta permissions', () => {
  it('reports no permission, takes one request, refuses the next with the request limit, and reflects the answer', async () => {
    const before = await api(meta, 'GET', '/v1/calls/permissions?to=%2B5511987654321');
    expect(before.status).toBe(200);
    expect(before.body.permission).toEqual({ status: 'no_permission' });
    const requestAction = before.body.actions.find((a: { action_name: string }) => a.action_name === 'send_call_permission_request');
    expect(requestAction).toMatchObject({ can_perform_action: true, limits: [{ time_period: 'PT24H', max_allowed: 1, current_usage: 0 }, expect.anything()] });

    const sent = await api(meta, 'POST', '/v1/calls/permissions/request', { to: '+5511987654321' });
    expect(sent.status).toBe(200);
    expect(sent.body.messageId).toMatch(/^wamid\./);
    const again = await api(meta, 'POST', '/v1/calls/permissions/request', { to: '+5511987654321' });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('META_CALL_PERMISSION_REQUEST_LIMIT');
    expect(again.body.error.code).toBe(138009);

    sim.simulator.meta.answerPermissionRequest('+5511987654321', 'temporary');
    const after = await api(meta, 'GET', '/v1/calls/permissions?to=5511987654321');
    expect(after.body.permission.status).toBe('temporary');
    expect(after.body.permission.expiration_time).toBeGreaterThan(Date.now() / 1000 + 6 * 24 * 3600);
  });

  it('answers FEATURE_NOT_SUPPORTED on a web number and VALIDATION_ERROR for a bad number', async () => {
    expect((await api(web, 'GET', '/v1/calls/permissions?to=%2B5511987654321')).body.code).toBe('FEATURE_NOT_SUPPORTED');
    expect((await api(meta, 'GET', '/v1/calls/permissions?to=abc')).body.code).toBe('VALIDATION_ERROR');
  });
});

describe('simulator: Meta calling settings', () => {
  it('reads and partially updates settings, refuses sip, and refuses enabling below the 2,000 tier with Meta 138015', async () => {
    expect((await api(meta, 'GET', '/v1/calls/settings')).body.status).toBe('ENABLED');
    expect((await api(meta, 'PUT', '/v1/calls/settings', { status: 'DISABLED' })).body).toEqual({ success: true });
    expect((await api(meta, 'GET', '/v1/calls/settings')).body).toMatchObject({ status: 'DISABLED', call_icon_visibility: 'DEFAULT' });
    expect((await api(meta, 'PUT', '/v1/calls/settings', { sip: { status: 'ENABLED' } })).status).toBe(400);
    sim.simulator.meta.settings.get(meta.id).messagingLimit = 1000;
    const refused = await api(meta, 'PUT', '/v1/calls/settings', { status: 'ENABLED' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(138015);
    expect((await api(web, 'GET', '/v1/calls/settings')).body.code).toBe('FEATURE_NOT_SUPPORTED');
  });
});

describe('simulator: business-initiated Meta calls', () => {
  it('refuses an offer whose a=setup is not active with Meta\'s SDP validation error', async () => {
    sim.simulator.meta.customer('+5511987654321', { permission: { status: 'permanent', expiresAt: null } });
    const { offer } = await businessOffer();
    const refused = await api(meta, 'POST', '/v1/calls', { to: '+5511987654321', sdp: offer.replace(/^a=setup:active/gm, 'a=setup:actpass') });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 100, error_subcode: 2494010 });
    expect(refused.body.error.error_data.details).toContain('active');
  });

  it('refuses a call without permission, or without a payment method', async () => {
    const { offer } = await businessOffer();
    const noPermission = await api(meta, 'POST', '/v1/calls', { to: '+5521998877665', sdp: offer });
    expect(noPermission.body.code).toBe('META_CALL_PERMISSION_REQUIRED');
    expect(noPermission.body.error.code).toBe(138006);
    sim.simulator.meta.customer('+5521998877665', { permission: { status: 'permanent', expiresAt: null } });
    sim.simulator.meta.settings.get(meta.id).paymentMethod = false;
    expect((await api(meta, 'POST', '/v1/calls', { to: '+5521998877665', sdp: offer })).body.code).toBe('META_CALLING_PAYMENT_REQUIRED');
  });

  it('places the call: the answer (passive) appears while it rings, then the customer picks up', async () => {
    sim.simulator.meta.customer('+5531991234567', { permission: { status: 'permanent', expiresAt: null }, pickupDelayMs: 600 });
    const { offer } = await businessOffer();
    const created = await api(meta, 'POST', '/v1/calls', { to: '+5531991234567', sdp: offer, sdpType: 'offer' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^call_/), externalCallId: expect.stringMatching(/^wacid\./), status: 'INITIATED' });
    const id = created.body.id as string;
    await expect.poll(async () => (await api(meta, 'GET', `/v1/calls/${id}?includeSdp=1`)).body.status).toBe('RINGING');
    const ringing = await api(meta, 'GET', `/v1/calls/${id}?includeSdp=1`);
    expect(ringing.body.direction).toBe('OUTBOUND');
    expect(ringing.body.sdpOffer).toBe(offer);
    expect(setupValues(ringing.body.sdpAnswer)).toEqual(['passive']);
    expect(ringing.body.sdpAnswer).toMatch(/telephone-event\/8000/);
    expect(ringing.body.sdpAnswer).not.toMatch(/telephone-event\/48000/);
    await expect.poll(async () => (await api(meta, 'GET', `/v1/calls/${id}`)).body.status).toBe('ACCEPTED');
    expect(sim.simulator.meta.phone(id)?.talking).toBe(true);
  });
});

describe('simulator: user-initiated Meta calls', () => {
  it('refuses an accept whose SDP differs from the pre-accept SDP', async () => {
    const call = await sim.simulator.meta.incomingCall({ numberId: meta.id, from: '+5548996543210' });
    const { phone, answer } = await CustomerPhone.called(call.sdpOffer!, { kind: 'silence' });
    closers.push(() => phone.close());
    expect((await api(meta, 'POST', `/v1/calls/${call.id}/pre-accept`, { sdp: answer, sdpType: 'answer' })).body).toMatchObject({ success: true, status: 'RINGING' });
    const mismatch = await api(meta, 'POST', `/v1/calls/${call.id}/accept`, { sdp: answer.replace('a=mid:0', 'a=mid:0\r\na=ptime:20') });
    expect(mismatch.body.code).toBe('SDP_MISMATCH');
    expect((await api(meta, 'POST', `/v1/calls/${call.id}/accept`, { sdp: answer })).body.status).toBe('ACCEPTED');
    expect(sim.simulator.call(call.id)!.acceptSdp).toBe(sim.simulator.call(call.id)!.preAcceptSdp);
  });

  it('ends a connected call as FAILED when no media arrives before the cut-off', async () => {
    sim.simulator.meta.noMediaTimeoutMs = 300;
    sim.simulator.meta.customer('+5585988112233', { network: 'blocked' });
    const call = await sim.simulator.meta.incomingCall({ numberId: meta.id, from: '+5585988112233' });
    const { phone, answer } = await CustomerPhone.called(call.sdpOffer!, { kind: 'silence' });
    closers.push(() => phone.close());
    await api(meta, 'POST', `/v1/calls/${call.id}/accept`, { sdp: answer });
    await expect.poll(() => sim.simulator.call(call.id)!.status, { timeout: 3000 }).toBe('FAILED');
  });
});
