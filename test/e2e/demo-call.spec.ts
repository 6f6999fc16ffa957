import type { Page } from '@playwright/test';
import { monitorNotifications } from '../support/notification-monitor';
import { readCallLog } from '../support/call-log-file';
import { expect, openSection, test } from './fixtures';

const ringDemoCall = async (page: Page) => {
  await page.getByRole('region', { name: 'Simulated customer' }).getByRole('button', { name: 'Simulate incoming call' }).click();
  const ringing = page.getByRole('region', { name: /^Incoming call from \+55/ });
  await expect(ringing).toBeVisible();
  return ringing;
};

test('a demo web-number call rings with a desktop notification, is answered, and ends when the customer hangs up', async ({ page, openApp }) => {
  const app = await openApp();
  expect(app.mode).toBe('demo');
  await expect(page.getByText('Demo mode')).toBeVisible();
  const monitor = await monitorNotifications();

  const ringing = await ringDemoCall(page);
  const caller = (await ringing.getByRole('paragraph').first().textContent())!.trim();
  await expect.poll(() => monitor.notifications()).toContainEqual(
    expect.objectContaining({ summary: 'Incoming WhatsApp call', body: expect.stringContaining(caller) }),
  );
  await expect(page.locator('audio[data-ringtone]')).toHaveAttribute('data-ringtone', 'playing');
  monitor.stop();

  await ringing.getByRole('button', { name: 'Answer' }).click();
  const live = page.getByRole('region', { name: `Call with ${caller}` });
  const timer = live.getByRole('timer', { name: 'Call duration' });
  await expect(timer).toBeVisible();
  await expect(page.locator('audio[data-ringtone]')).toHaveAttribute('data-ringtone', 'stopped');
  const firstReading = await timer.textContent();
  await expect(timer).not.toHaveText(firstReading!, { timeout: 3000 });
  await expect(timer).toHaveText(/00:0[2-9]/, { timeout: 5000 });

  await page.getByRole('button', { name: `Customer hangs up · ${caller}` }).click();
  const ended = page.getByRole('region', { name: `Call with ${caller} ended` });
  await expect(ended).toContainText('Answered');

  // The window hears of the end first; the call log's row follows (another process reads the file).
  await expect.poll(() => readCallLog(app.dataDir)[0]?.outcome).toBe('answered');
  const [row] = readCallLog(app.dataDir);
  expect(row!.outcome).toBe('answered');
  expect(row!.duration_seconds).toBeGreaterThanOrEqual(2);
  expect(row!.duration_seconds).toBe(Math.round((row!.ended_at! - row!.connected_at!) / 1000));
  await openSection(page, 'History');
  const cells = page.getByRole('region', { name: 'Call log' }).getByRole('row').filter({ hasText: caller }).getByRole('cell');
  await expect(cells.filter({ hasText: 'Answered' })).toHaveCount(1);
  await expect(cells.filter({ hasText: `00:${String(row!.duration_seconds).padStart(2, '0')}` })).toHaveCount(1);
});

test('a declined demo call ends as declined and is logged', async ({ page, openApp }) => {
  const app = await openApp();
  const ringing = await ringDemoCall(page);
  const caller = (await ringing.getByRole('paragraph').first().textContent())!.trim();
  await ringing.getByRole('button', { name: 'Decline' }).click();
  await expect(page.getByRole('region', { name: `Call with ${caller} ended` })).toContainText('Declined');
  await openSection(page, 'History');
  const row = page.getByRole('region', { name: 'Call log' }).getByRole('row').filter({ hasText: caller });
  await expect(row.getByRole('cell').filter({ hasText: 'Declined' })).toHaveCount(1);
  expect(readCallLog(app.dataDir)[0]).toMatchObject({ outcome: 'declined', duration_seconds: null });
});

test('a demo call nobody answers before the ring timeout is missed', async ({ page, openApp }) => {
  const app = await openApp({ args: ['--demo-ring-timeout', '2000'] });
  const ringing = await ringDemoCall(page);
  const caller = (await ringing.getByRole('paragraph').first().textContent())!.trim();
  await expect(page.getByRole('region', { name: `Call with ${caller} ended` })).toContainText('Missed');
  await expect(page.locator('audio[data-ringtone]')).toHaveAttribute('data-ringtone', 'stopped');
  expect(readCallLog(app.dataDir)[0]).toMatchObject({ outcome: 'missed', connected_at: null });
});

test('a second copy started on the same profile is refused with a sentence, and the first keeps ringing', async ({ page, openApp, launchApp }) => {
  const app = await openApp();
  await expect(launchApp({ dataDir: app.dataDir })).rejects.toThrow(/exited with 3 before it was ready:[\s\S]*already running with the profile folder[\s\S]*--data-dir/);
  expect(app.child.exitCode).toBeNull();
  const ringing = await ringDemoCall(page);
  await ringing.getByRole('button', { name: 'Decline' }).click();
  await expect.poll(() => readCallLog(app.dataDir).length).toBe(1);
});
