import type { Page } from '@playwright/test';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import type { SimCall, SimNumber } from '../../main/simulator/sim-state';
import { setupValues } from '../../main/simulator/meta/sdp-rules';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { toneWav } from '../support/tone-wav';
import { readCallLog } from '../support/call-log-file';
import { addLine, expect, openSection, test } from './fixtures';
import { agentHears, agentHearsTone, customerHearsSilenceAt, customerHearsTone } from './meta-audio';

/** The agent's microphone plays a 1000 Hz tone; customers play other tones, so each direction is checked by frequency. */
const agentTone = 1000;
test.use({ launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs([`--use-file-for-fake-audio-capture=${toneWav(agentTone)}`]) } });

const metaLine = async (page: Page, sim: RunningSimulator): Promise<SimNumber> => {
  const number = sim.simulator.addNumber({ provider: 'META' });
  await addLine(page, { label: 'Vendas', provider: 'META', apiKey: number.apiKey, baseUrl: sim.url });
  await expect(page.getByRole('status', { name: 'Line status' }).getByText('All lines connected')).toBeVisible();
  return number;
};

const outboundCall = (sim: RunningSimulator): SimCall | undefined => sim.simulator.allCalls().find((c) => c.direction === 'OUTBOUND');

test('an inbound Meta call is pre-accepted while ringing, accepted with the same SDP, and carries audio, digits, mute and hold', async ({ page, openApp, sim }) => {
  const app = await openApp();
  const number = await metaLine(page, sim);
  const call = await sim.simulator.meta.incomingCall({ numberId: number.id, from: '+5511987654321', audio: { kind: 'tone', hz: 660 } });
  const phone = sim.simulator.meta.phone(call.id)!;

  const ringing = page.getByRole('region', { name: 'Incoming call from +55 11 98765 4321' });
  await expect(ringing).toBeVisible();
  // Pre-accept goes out on its own while the call rings, before anyone clicks.
  await expect.poll(() => sim.simulator.call(call.id)!.preAcceptSdp).not.toBeNull();
  expect(sim.simulator.call(call.id)!.status).toBe('RINGING');
  expect(setupValues(sim.simulator.call(call.id)!.preAcceptSdp!)).toEqual(['active']);

  await ringing.getByRole('button', { name: 'Answer' }).click();
  const live = page.getByRole('region', { name: 'Call with +55 11 98765 4321' });
  await expect(live.getByRole('timer', { name: 'Call duration' })).toBeVisible();
  const accepted = sim.simulator.call(call.id)!;
  expect(accepted.status).toBe('ACCEPTED');
  expect(accepted.acceptSdp).toBe(accepted.preAcceptSdp);

  // Audio both ways, by frequency: the customer's 660 Hz at the agent, the agent's 1000 Hz at the customer.
  await expect.poll(() => agentHearsTone(page, 660), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => customerHearsTone(phone, agentTone), { timeout: 10_000 }).toBe(true);

  // DTMF: keypad presses and typed digits arrive as RFC 4733 events, in order.
  await live.getByRole('button', { name: 'Keypad' }).click();
  const keypad = live.getByRole('group', { name: 'Keypad' });
  for (const key of ['1', '5', '9', '#']) await keypad.getByRole('button', { name: key, exact: true }).click();
  await keypad.getByLabel('Type digits').fill('*0');
  await keypad.getByRole('button', { name: 'Send digits' }).click();
  await expect.poll(() => phone.digits, { timeout: 10_000 }).toBe('159#*0');

  // Mute silences what the customer hears; unmute restores it.
  await live.getByRole('button', { name: 'Mute' }).click();
  await expect(live.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => customerHearsSilenceAt(phone, agentTone)).toBe(true);
  expect(phone.packetsReceived).toBeGreaterThan(0);
  await live.getByRole('button', { name: 'Unmute' }).click();
  await expect.poll(() => customerHearsTone(phone, agentTone)).toBe(true);

  // Hold silences both directions and says so; resume restores both.
  await live.getByRole('button', { name: 'Hold' }).click();
  await expect(live.getByRole('status').filter({ hasText: 'On hold' })).toBeVisible();
  await expect.poll(() => customerHearsSilenceAt(phone, agentTone)).toBe(true);
  await expect.poll(async () => (await agentHears(page))?.rms ?? 1).toBeLessThan(0.001);
  await live.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => customerHearsTone(phone, agentTone)).toBe(true);
  await expect.poll(() => agentHearsTone(page, 660)).toBe(true);

  // Live quality from getStats.
  const quality = live.getByRole('region', { name: 'Call quality' });
  await expect(quality.getByText('Estimated MOS')).toBeVisible();
  await expect(quality.locator('dd').last()).toHaveText(/^[1-4]\.\d+$/);
  await expect.poll(() => live.getByRole('meter', { name: 'Microphone level' }).evaluate((m) => (m as HTMLMeterElement).value)).toBeGreaterThan(0.01);

  sim.simulator.customerHangup(call.id);
  await expect(page.getByRole('region', { name: 'Call with +55 11 98765 4321 ended' })).toContainText('Answered');
  await expect.poll(() => readCallLog(app.dataDir)[0]?.outcome).toBe('answered');
  const [row] = readCallLog(app.dataDir);
  expect(row).toMatchObject({ id: call.id, direction: 'INBOUND', provider: 'META', peer_number: '+5511987654321' });
  expect(row!.duration_seconds).toBeGreaterThanOrEqual(2);
  await expect(page.locator('audio[data-call-audio]')).toHaveCount(0);
});

test('dialing without permission shows it, requests it, reflects the answer, then calls with an a=setup:active offer and audio both ways', async ({ page, openApp, sim }) => {
  const app = await openApp();
  await metaLine(page, sim);
  sim.simulator.meta.customer('+5521998877665', { pickupDelayMs: 1200, audio: { kind: 'tone', hz: 440 } });

  const dialer = page.getByRole('region', { name: 'Place a call' });
  await expect(dialer.getByText('Meta bills business-initiated calls per minute, in 6-second pulses')).toBeVisible();
  await dialer.getByLabel("Customer's number").fill('21998877665');
  await expect(dialer.getByLabel("Customer's number")).toHaveValue('(21) 99887-7665');
  const permission = dialer.getByRole('region', { name: 'Call permission' });
  await expect(permission).toContainText('No permission to call this customer yet.');
  await expect(permission).toContainText('Permission requests: 0 of 1 per 24 hours');
  await expect(dialer.getByRole('button', { name: 'Call', exact: true })).toBeDisabled();

  await permission.getByRole('button', { name: 'Request permission' }).click();
  await expect(permission.getByRole('status')).toHaveText(/Waiting for the customer's answer/);
  sim.simulator.meta.answerPermissionRequest('+5521998877665', 'temporary');
  await expect(permission).toContainText('Temporary permission to call until', { timeout: 10_000 });
  await expect(dialer.getByRole('button', { name: 'Call', exact: true })).toBeEnabled();

  await dialer.getByRole('button', { name: 'Call', exact: true }).click();
  const live = page.getByRole('region', { name: 'Call with +55 21 99887 7665' });
  await expect(live).toContainText('Ringing at the customer');
  await expect(live.getByRole('timer', { name: 'Call duration' })).toBeVisible({ timeout: 10_000 });
  const call = outboundCall(sim)!;
  expect(setupValues(call.sdpOffer!)).toEqual(['active']);
  expect(call.sdpOffer).toMatch(/^a=candidate:/m);

  const phone = sim.simulator.meta.phone(call.id)!;
  await expect.poll(() => agentHearsTone(page, 440), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => customerHearsTone(phone, agentTone), { timeout: 10_000 }).toBe(true);
  // Switching microphone and speaker mid-call: the old microphone is released, the customer keeps hearing the agent.
  await live.getByRole('combobox', { name: 'Microphone', exact: true }).selectOption({ label: 'Fake Audio Input 2' });
  await live.getByRole('combobox', { name: 'Speaker', exact: true }).selectOption({ label: 'Fake Audio Output 1' });
  await expect.poll(() => page.locator('audio[data-call-audio]').evaluate((a) => (a as HTMLAudioElement & { sinkId: string }).sinkId)).not.toBe('');
  await new Promise((resolve) => setTimeout(resolve, 600));
  await expect.poll(() => customerHearsTone(phone, agentTone)).toBe(true);
  await expect.poll(() => agentHearsTone(page, 440)).toBe(true);

  await live.getByRole('button', { name: 'Keypad' }).click();
  await live.getByRole('group', { name: 'Keypad' }).getByLabel('Type digits').fill('42');
  await live.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: 'Send digits' }).click();
  await expect.poll(() => phone.digits).toBe('42');

  await live.getByRole('button', { name: 'Hang up' }).click();
  await expect(page.getByRole('region', { name: 'Call with +55 21 99887 7665 ended' })).toContainText('Answered');
  expect(sim.simulator.call(call.id)!.status).toBe('COMPLETED');
  await expect.poll(() => readCallLog(app.dataDir)[0]).toMatchObject({ id: call.id, direction: 'OUTBOUND', outcome: 'answered', provider: 'META' });
  expect(readCallLog(app.dataDir)[0]!.duration_seconds).toBeGreaterThanOrEqual(1);
  await openSection(page, 'History');
  const logRow = page.getByRole('region', { name: 'Call log' }).getByRole('row').filter({ hasText: '+55 21 99887 7665' });
  await expect(logRow.getByRole('cell').filter({ hasText: 'Outgoing' })).toHaveCount(1);
  await expect(logRow.getByRole('cell').filter({ hasText: 'Answered' })).toHaveCount(1);
});

test('outbound calls the customer rejects or does not pick up, or Meta refuses, end with a reason and are logged', async ({ page, openApp, sim }) => {
  const app = await openApp();
  const number = await metaLine(page, sim);
  sim.simulator.meta.customer('+5531991234567', { permission: { status: 'permanent', expiresAt: null }, pickup: 'reject', pickupDelayMs: 800 });
  const dialer = page.getByRole('region', { name: 'Place a call' });
  await dialer.getByLabel("Customer's number").fill('+55 31 99123-4567');
  await expect(dialer.getByRole('region', { name: 'Call permission' })).toContainText('Permanent permission to call.');
  await dialer.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Call with +55 31 99123 4567 ended' })).toContainText('Declined', { timeout: 10_000 });
  await expect.poll(() => readCallLog(app.dataDir)[0]).toMatchObject({ direction: 'OUTBOUND', outcome: 'declined' });

  sim.simulator.meta.settings.get(number.id).paymentMethod = false;
  await page.getByRole('region', { name: 'Call with +55 31 99123 4567 ended' }).getByRole('button', { name: 'Dismiss' }).click();
  await dialer.getByRole('button', { name: 'Call', exact: true }).click();
  const failed = page.getByRole('region', { name: 'Call with +55 31 99123 4567 ended' });
  await expect(failed).toContainText('Failed');
  await expect(failed).toContainText('the WhatsApp Business account has no payment method. Ask your account administrator');
  await expect.poll(() => readCallLog(app.dataDir).filter((r) => r.outcome === 'failed').length).toBe(1);

  // The customer does not pick up and the agent gives up: "not answered", in the call and in the log (not "missed").
  sim.simulator.meta.settings.get(number.id).paymentMethod = true;
  sim.simulator.meta.customer('+5531991234567', { pickup: 'ignore' });
  await failed.getByRole('button', { name: 'Dismiss' }).click();
  await dialer.getByRole('button', { name: 'Call', exact: true }).click();
  const ringing = page.getByRole('region', { name: 'Call with +55 31 99123 4567', exact: true });
  await expect(ringing).toContainText('Ringing at the customer', { timeout: 10_000 });
  await ringing.getByRole('button', { name: 'Hang up' }).click();
  await expect(page.getByRole('region', { name: 'Call with +55 31 99123 4567 ended' })).toContainText('Not answered');
  await expect.poll(() => readCallLog(app.dataDir)[0]).toMatchObject({ direction: 'OUTBOUND', outcome: 'missed' });
  await openSection(page, 'History');
  const logRow = page.getByRole('region', { name: 'Call log' }).getByRole('row').filter({ hasText: '+55 31 99123 4567' }).first();
  await expect(logRow.getByRole('cell').filter({ hasText: 'Not answered' })).toHaveCount(1);
});

test('when media never starts, the agent is told why before WhatsApp cuts the call', async ({ page, openApp, sim }) => {
  await openApp();
  const number = await metaLine(page, sim);
  sim.simulator.meta.noMediaTimeoutMs = 12_000;
  sim.simulator.meta.customer('+5548996543210', { network: 'blocked' });
  const call = await sim.simulator.meta.incomingCall({ numberId: number.id, from: '+5548996543210' });
  await page.getByRole('region', { name: 'Incoming call from +55 48 99654 3210' }).getByRole('button', { name: 'Answer' }).click();
  const live = page.getByRole('region', { name: 'Call with +55 48 99654 3210' });
  await expect(live.getByRole('alert')).toContainText('No audio yet: still looking for a network path to WhatsApp', { timeout: 9000 });
  await expect(page.getByRole('region', { name: 'Call with +55 48 99654 3210 ended' })).toContainText('Failed', { timeout: 15_000 });
  expect(sim.simulator.call(call.id)!.status).toBe('FAILED');
});

test('"Test my audio" plays the agent\'s own voice back through the echo', async ({ page, openApp }) => {
  const app = await openApp();
  expect(app.mode).toBe('demo');
  await page.getByRole('region', { name: 'Place a call' }).getByRole('button', { name: 'Test my audio' }).click();
  const live = page.getByRole('region', { name: 'Audio test call' });
  await expect(live.getByRole('timer', { name: 'Call duration' })).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => agentHearsTone(page, agentTone), { timeout: 10_000 }).toBe(true);
  await live.getByRole('button', { name: 'Hang up' }).click();
  await expect(page.getByRole('region', { name: 'Audio test call ended' })).toContainText('Answered');
});

test('the demo rings a simulated Meta customer who speaks once answered', async ({ page, openApp }) => {
  await openApp();
  await page.getByRole('region', { name: 'Simulated customer' }).getByRole('button', { name: 'Simulate incoming Meta call' }).click();
  const ringing = page.getByRole('region', { name: /^Incoming call from \+55/ });
  await expect(ringing).toContainText('Meta number');
  await ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByRole('region', { name: /^Call with \+55/ }).getByRole('timer', { name: 'Call duration' })).toBeVisible();
  // A speech recording, not a tone: what matters is that the agent hears it.
  await expect.poll(async () => (await agentHears(page))?.rms ?? 0, { timeout: 10_000 }).toBeGreaterThan(0.005);
});

test('with two windows open, one makes the call media: the newest, and the customer and agent hear each other through it', async ({ page, context, openApp, sim }) => {
  const app = await openApp();
  const number = await metaLine(page, sim);
  const second = await context.newPage();
  await second.goto(await app.windowUrl());
  await expect(second.getByRole('status', { name: 'Line status' }).getByText('All lines connected')).toBeVisible();

  const call = await sim.simulator.meta.incomingCall({ numberId: number.id, from: '+5511987654329', audio: { kind: 'tone', hz: 660 } });
  const phone = sim.simulator.meta.phone(call.id)!;
  // Both windows ring; one pre-accept goes out.
  await expect(page.getByRole('region', { name: 'Incoming call from +55 11 98765 4329' })).toBeVisible();
  const ringing = second.getByRole('region', { name: 'Incoming call from +55 11 98765 4329' });
  await expect(ringing).toBeVisible();
  await expect.poll(() => sim.simulator.call(call.id)!.preAcceptSdp).not.toBeNull();

  await ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(second.getByRole('region', { name: 'Call with +55 11 98765 4329' }).getByRole('timer', { name: 'Call duration' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Call with +55 11 98765 4329' }).getByRole('timer', { name: 'Call duration' })).toBeVisible();
  expect(sim.simulator.call(call.id)!.acceptSdp).toBe(sim.simulator.call(call.id)!.preAcceptSdp);
  await expect.poll(() => agentHearsTone(second, 660), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => customerHearsTone(phone, agentTone), { timeout: 10_000 }).toBe(true);
  // The older window made no media of its own for the call.
  await expect(page.locator('audio[data-call-audio]')).toHaveCount(0);
  await second.getByRole('region', { name: 'Call with +55 11 98765 4329' }).getByRole('button', { name: 'Hang up' }).click();
  await expect.poll(() => readCallLog(app.dataDir)[0]).toMatchObject({ id: call.id, outcome: 'answered' });
});
