import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openSection, test } from './fixtures';

/** Where and how loud the ringtone element plays right now. */
const ringtone = (page: Page) =>
  page.locator('audio[data-ringtone]').evaluate((audio: HTMLAudioElement & { sinkId?: string }) => ({ sinkId: audio.sinkId ?? null, volume: audio.volume, paused: audio.paused }));

test('calls ring on the speakers chosen for ringing, at the ring volume, both kept across a restart of the window', async ({ page, openApp }) => {
  const app = await openApp();
  await openSection(page, 'Settings');
  const ringing = page.getByRole('region', { name: 'Ringing' });
  const device = ringing.getByRole('combobox', { name: /^Ring on/ });
  // Device names come once the microphone was allowed: the section lists the speakers as it opens, or the agent asks
  // (the button goes away as soon as the list is there, so it is pressed only while the list is still missing).
  const list = ringing.getByRole('button', { name: 'List my speakers' });
  const named = device.locator('option', { hasText: 'Fake Audio Output 1' });
  await expect(async () => {
    if (await named.count()) return;
    await list.click({ timeout: 1000 });
    await expect(named).toBeAttached({ timeout: 1000 });
  }).toPass();
  await device.selectOption({ label: 'Fake Audio Output 1' });
  const chosenId = await device.inputValue();
  expect(chosenId).not.toBe('');
  // Ring volume by keyboard: 80 % down to 30 %.
  const volume = ringing.getByRole('slider', { name: 'Ring volume' });
  await volume.focus();
  for (let step = 0; step < 10; step++) await page.keyboard.press('ArrowLeft');
  await expect(volume).toHaveAttribute('aria-valuetext', '30 %');
  await expect.poll(() => JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>).toMatchObject({
    ringVolume: 0.3,
    ringerDevice: { id: chosenId, label: 'Fake Audio Output 1' },
  });

  await page.getByRole('region', { name: 'Simulated customer' }).getByRole('button', { name: 'Simulate incoming call' }).click();
  await expect(page.getByRole('region', { name: /^Incoming call from/ })).toBeVisible();
  await expect(page.locator('audio[data-ringtone]')).toHaveAttribute('data-ringtone', 'playing');
  await expect.poll(() => ringtone(page)).toEqual({ sinkId: chosenId, volume: 0.3, paused: false });
  await page.getByRole('region', { name: 'Simulated customer' }).getByRole('button', { name: /^Customer hangs up/ }).click();
  await expect(page.locator('audio[data-ringtone]')).toHaveAttribute('data-ringtone', 'stopped');

  // A new window: the same speakers and volume, before any call rings.
  await page.reload();
  await expect.poll(() => ringtone(page)).toEqual({ sinkId: chosenId, volume: 0.3, paused: true });
  await openSection(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Ringing' }).getByRole('slider', { name: 'Ring volume' })).toHaveAttribute('aria-valuetext', '30 %');

  // Back to the system default: the ringtone follows.
  await page.getByRole('region', { name: 'Ringing' }).getByRole('combobox', { name: /^Ring on/ }).selectOption({ label: 'System default' });
  await expect.poll(() => ringtone(page)).toMatchObject({ sinkId: '' });
});
