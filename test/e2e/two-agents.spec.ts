import { readCallLog } from '../support/call-log-file';
import { addLine, expect, test } from './fixtures';

test('two copies (two profiles) on one number both ring; one answers and the other stops ringing at its next poll and shows the call taken', async ({ page, context, launchApp, sim }) => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  const first = await launchApp({ args: ['--no-demo'] });
  const second = await launchApp({ args: ['--no-demo'] });
  const other = await context.newPage();
  for (const [window, app] of [
    [page, first],
    [other, second],
  ] as const) {
    await window.goto(app.url);
    await addLine(window, { label: 'Suporte', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url });
    await expect(window.getByRole('status', { name: 'Line status' })).toHaveText('All lines connected');
  }

  const call = sim.simulator.incomingCall({ numberId: number.id, from: '+5511987650201' });
  const ringingHere = page.getByRole('region', { name: 'Incoming call from +55 11 98765 0201' });
  const ringingThere = other.getByRole('region', { name: 'Incoming call from +55 11 98765 0201' });
  await expect(ringingHere).toBeVisible();
  await expect(ringingThere).toBeVisible();
  await expect(page.locator('audio[data-ringtone]')).toHaveAttribute('data-ringtone', 'playing');
  await expect(other.locator('audio[data-ringtone]')).toHaveAttribute('data-ringtone', 'playing');

  await ringingHere.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByRole('region', { name: 'Call with +55 11 98765 0201', exact: true }).getByRole('timer', { name: 'Call duration' })).toBeVisible();
  // The other copy polls every second while a call rings: the wait is bounded by a few polls, not measured here.
  await expect(ringingThere).toHaveCount(0, { timeout: 3000 });
  await expect(other.getByRole('region', { name: 'Call with +55 11 98765 0201 ended' })).toContainText('Answered by another agent');
  await expect(other.locator('audio[data-ringtone]')).toHaveAttribute('data-ringtone', 'stopped');
  await expect.poll(() => readCallLog(second.dataDir).find((r) => r.id === call.id)?.outcome).toBe('answered-elsewhere');
  expect(sim.simulator.call(call.id)!.status).toBe('ACCEPTED');
});
