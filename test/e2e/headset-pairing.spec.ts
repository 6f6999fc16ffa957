import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eposImpactD, polyBlackwire3220 } from '../fixtures/hid';
import { expect, openSection, test } from './fixtures';
import { answerWebCall, webLine } from './web-call';
import { hid, installHidStandIn } from './webhid-stand-in';

/**
 * Pairing, choosing among headsets, replugging and restarting, through the
 * browser host with headsets stood in at the WebHID boundary. Poly Blackwire
 * 3220: input report 8 (bit 1 hook switch); one output report per light:
 * 0x17 off-hook, 0x18 ring, 0x09 mute, 0x20 hold.
 */

const poly = polyBlackwire3220;
const polyName = 'Plantronics Blackwire 3220 Series';
const everyPolyLight = (offHook: number, ring: number) => [[0x17, [offHook]], [0x18, [ring]], [0x09, [0]], [0x20, [0]]];

test('the headset chosen of several follows the calls; unplugged mid-call the call goes on, plugged back it reconnects, and after a restart it connects without asking', async ({ page, context, sim, openApp, launchApp }) => {
  await installHidStandIn(page, { headsets: [poly, eposImpactD], pick: poly });
  const app = await openApp({ args: ['--no-demo'] });
  const number = await webLine(page, sim);
  await openSection(page, 'Settings');
  const headset = page.getByRole('region', { name: 'Headset' });
  const status = headset.getByRole('status');

  await headset.getByRole('button', { name: 'Pair a headset' }).click();
  await expect(status).toHaveText(`${polyName} is connected: its buttons answer, hang up and mute calls, and its lights follow them.`);
  await hid.pickNext(page, eposImpactD);
  await headset.getByRole('button', { name: 'Pair another headset' }).click();
  await expect(status).toHaveText('EPOS IMPACT D is connected: its buttons answer, hang up and mute calls, and its lights follow them.');
  expect(await hid.opened(page, poly)).toBe(false);

  // Both are paired now: the agent picks the Poly for calls.
  await headset.getByRole('combobox', { name: 'Headset for calls' }).selectOption({ label: polyName });
  await expect(status).toHaveText(`${polyName} is connected: its buttons answer, hang up and mute calls, and its lights follow them.`);
  await expect.poll(() => hid.opened(page, eposImpactD)).toBe(false);
  const eposReports = (await hid.outputs(page, eposImpactD)).length;
  const polyBefore = (await hid.outputs(page, poly)).length;

  sim.simulator.incomingCall({ numberId: number.id, from: '+5511987650002' });
  await expect(page.getByRole('region', { name: /^Incoming call from / })).toBeVisible();
  await expect.poll(async () => (await hid.outputs(page, poly)).slice(polyBefore)).toEqual([[0x18, [1]]]);
  await hid.input(page, poly, 8, [0x02]);
  const live = page.getByRole('region', { name: /^Call with / });
  await expect(live.getByRole('status').filter({ hasText: 'Audio connected' })).toBeVisible();
  const call = sim.simulator.allCalls().find((c) => c.peerNumber.endsWith('87650002'))!;

  // Unplugged mid-call: the section says so, the call goes on.
  await hid.unplug(page, poly);
  await expect(status).toHaveText(`${polyName} is not connected. Plug it in; if it is plugged in, pair it again.`);
  await page.waitForTimeout(1000);
  await expect(live.getByRole('status').filter({ hasText: 'Audio connected' })).toBeVisible();
  expect(sim.simulator.call(call.id)!.endedAt).toBeNull();

  // Plugged back: connected again without asking, and told every light (the line in use).
  const polyBeforeReplug = (await hid.outputs(page, poly)).length;
  await hid.plug(page, poly);
  await expect(status).toHaveText(`${polyName} is connected: its buttons answer, hang up and mute calls, and its lights follow them.`);
  await expect.poll(async () => (await hid.outputs(page, poly)).slice(polyBeforeReplug)).toEqual(everyPolyLight(1, 0));
  // The device's hook switch is off-hook (it answered); its next report puts it on-hook and hangs up.
  await hid.input(page, poly, 8, [0x02]);
  await hid.input(page, poly, 8, [0x00]);
  await expect(page.getByRole('region', { name: /^Call with .* ended$/ })).toBeVisible();
  expect((await hid.outputs(page, eposImpactD)).length).toBe(eposReports);
  expect(await hid.chooserOpened(page)).toBe(2);

  // The choice is in the settings file; after a restart the browser still grants both headsets, and the app connects to the chosen one unasked.
  expect(JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')).headset).toEqual({ vendorId: 0x047f, productId: 0xc056, productName: polyName });
  await app.stop();
  const restarted = await launchApp({ dataDir: app.dataDir, args: ['--no-demo'] });
  const next = await context.newPage();
  await installHidStandIn(next, { headsets: [poly, eposImpactD], granted: [poly, eposImpactD], pick: null });
  await next.goto(restarted.url);
  await openSection(next, 'Settings');
  await expect(next.getByRole('region', { name: 'Headset' }).getByRole('status')).toHaveText(`${polyName} is connected: its buttons answer, hang up and mute calls, and its lights follow them.`);
  await expect.poll(() => hid.outputs(next, poly)).toEqual(everyPolyLight(0, 0));
  expect(await hid.chooserOpened(next)).toBe(0);
  expect(await hid.opened(next, eposImpactD)).toBe(false);

  // And its buttons work: the next call is answered from the screen, hung up from the headset.
  const again = await answerWebCall(next, sim, number, '+5511987650003');
  await expect.poll(async () => (await hid.outputs(next, poly)).slice(4)).toEqual([[0x18, [1]], [0x17, [1]], [0x18, [0]]]);
  await hid.input(next, poly, 8, [0x02]);
  await hid.input(next, poly, 8, [0x00]);
  await expect(next.getByRole('region', { name: `Call with ${again.caller} ended` })).toBeVisible();
});

test('the chooser is asked for headsets only (the Telephony page), closing it without a pick changes nothing, and a headset given up is forgotten', async ({ page, openApp }) => {
  await installHidStandIn(page, { headsets: [poly], pick: null });
  await openApp({ args: ['--no-demo'] });
  await openSection(page, 'Settings');
  const headset = page.getByRole('region', { name: 'Headset' });
  await headset.getByRole('button', { name: 'Pair a headset' }).click();
  await expect.poll(() => hid.chooserFilters(page)).toEqual([[{ usagePage: 0x0b }]]);
  await expect(headset.getByRole('status')).toHaveText('No headset chosen: pair one to answer, hang up and mute from its buttons.');
  await expect(headset.getByRole('alert')).toHaveCount(0);
  expect(await hid.opened(page, poly)).toBe(false);

  // Paired, then given up: the headset is closed, forgotten by the browser, and the choice cleared.
  await hid.pickNext(page, poly);
  await headset.getByRole('button', { name: 'Pair a headset' }).click();
  await expect(headset.getByRole('status')).toHaveText(`${polyName} is connected: its buttons answer, hang up and mute calls, and its lights follow them.`);
  await headset.getByRole('button', { name: 'Stop using this headset' }).click();
  await expect(headset.getByRole('status')).toHaveText('No headset chosen: pair one to answer, hang up and mute from its buttons.');
  expect(await hid.opened(page, poly)).toBe(false);
  expect(await page.evaluate(async () => (await (navigator as unknown as { hid: { getDevices(): Promise<unknown[]> } }).hid.getDevices()).length)).toBe(0);
  await expect(headset.getByRole('button', { name: 'Stop using this headset' })).toHaveCount(0);
});
