import { monitorNotifications } from '../support/notification-monitor';
import { readCallLog } from '../support/call-log-file';
import { addLine, expect, openSection, test } from './fixtures';

test('in do not disturb a call does not ring and shows in Recent as missed while away; back to available, the next call rings', async ({ page, context, openApp, sim }) => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  const app = await openApp();
  await addLine(page, { label: 'Suporte', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url });
  await expect(page.getByRole('status', { name: 'Line status' })).toHaveText('All lines connected');
  await page.getByRole('combobox', { name: 'Availability' }).selectOption('dnd');
  const monitor = await monitorNotifications();

  const quiet = sim.simulator.incomingCall({ numberId: number.id, from: '+5511987650101' });
  // The call is on the line (the app saw it) but rings nobody here.
  const quietList = page.getByRole('region', { name: 'Ringing on your lines, not for you' });
  await expect(quietList).toContainText('+55 11 98765 0101');
  await expect(quietList).toContainText('Do not disturb is on.');
  await expect(page.getByRole('region', { name: /^Incoming call from/ })).toHaveCount(0);
  await expect(page.locator('audio[data-ringtone]')).toHaveAttribute('data-ringtone', 'stopped');
  sim.simulator.customerHangup(quiet.id);
  await expect(quietList).toHaveCount(0);
  expect(monitor.notifications().filter((n) => n.body.includes('98765 0101'))).toEqual([]);

  await openSection(page, 'Recent');
  const recent = page.getByRole('region', { name: 'Recent calls' });
  const row = recent.getByRole('listitem').filter({ hasText: '+55 11 98765 0101' });
  await expect(row).toContainText('Missed');
  await expect(row).toContainText('Rang while you were away (do not disturb)');
  await expect.poll(() => readCallLog(app.dataDir).find((r) => r.id === quiet.id)?.outcome).toBe('missed');

  // Copy the number, then back to available: the next call rings, with its notification.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await row.getByRole('button', { name: 'Copy +55 11 98765 0101' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('+5511987650101');
  await page.getByRole('combobox', { name: 'Availability' }).selectOption('available');
  const rings = sim.simulator.incomingCall({ numberId: number.id, from: '+5511987650102' });
  const ringing = page.getByRole('region', { name: 'Incoming call from +55 11 98765 0102' });
  await expect(ringing).toBeVisible();
  await expect(page.locator('audio[data-ringtone]')).toHaveAttribute('data-ringtone', 'playing');
  await expect.poll(() => monitor.notifications().filter((n) => n.body.includes('98765 0102')).length).toBe(1);
  monitor.stop();
  await ringing.getByRole('button', { name: 'Decline' }).click();
  await expect.poll(() => sim.simulator.call(rings.id)?.status).toBe('REJECTED');

  // One click calls the missed customer back, on the line their call came in on.
  sim.simulator.outboundCustomer = { ringAfterMs: 200, answerAfterMs: 60_000, answers: false };
  await row.getByRole('button', { name: 'Call back +55 11 98765 0101 on Suporte' }).click();
  await expect(page.getByRole('region', { name: 'Call with +55 11 98765 0101', exact: true })).toBeVisible();
  await expect.poll(() => sim.simulator.allCalls().find((c) => c.direction === 'OUTBOUND')?.numberId).toBe(number.id);
});

test('a line set to answer on its own answers after its seconds, with a beep first', async ({ page, openApp, sim }) => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  await openApp({ args: ['--no-demo'] });
  await addLine(page, { label: 'Suporte', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url });
  await expect(page.getByRole('status', { name: 'Line status' })).toHaveText('All lines connected');
  await openSection(page, 'Settings');
  const answering = page.getByRole('region', { name: 'Answering' });
  await answering.getByRole('group', { name: 'Suporte' }).getByRole('combobox', { name: 'Answer on its own' }).selectOption({ label: 'After 2 seconds' });
  await expect(answering.getByRole('status')).toHaveText('Answering on Suporte saved.');

  // The beep shows for only the last moments of the ring: the page notes the order in which it and the answered call appear.
  await page.evaluate(() => {
    const order: string[] = [];
    Object.assign(window, { answerOrder: order });
    const note = (what: string, selector: string) => {
      if (!order.includes(what) && document.querySelector(selector)) order.push(what);
    };
    new MutationObserver(() => {
      note('beep', '[data-beep="played"]');
      note('answered', 'section.call-card.live');
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const call = sim.simulator.incomingCall({ numberId: number.id, from: '+5511987650103' });
  const ringing = page.getByRole('region', { name: 'Incoming call from +55 11 98765 0103' });
  await expect(ringing.getByRole('timer')).toHaveText(/Answering on its own in [12] seconds?/);
  await expect(page.getByRole('region', { name: 'Call with +55 11 98765 0103' }).getByRole('timer', { name: 'Call duration' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { answerOrder: string[] }).answerOrder)).toEqual(['beep', 'answered']);
  expect(sim.simulator.call(call.id)!.status).toBe('ACCEPTED');
});
