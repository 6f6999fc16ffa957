import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { queryCallLog } from '../support/call-log-file';
import { preparedProfile } from '../support/profile';
import { expect, test } from './fixtures';

/** Presses Tab until `target` has the focus (the keyboard's own way there), failing after `max` presses. */
const tabTo = async (page: Page, target: Locator, max = 40): Promise<void> => {
  for (let presses = 0; presses < max; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, `Tab reached it within ${max} presses`).toBeFocused();
};

test('keyboard only from launch: available, answer, mute and unmute, digits, hang up, disposition in the wrap-up, ready', async ({ page, openApp, sim }) => {
  const number = sim.simulator.addNumber({ provider: 'META' });
  // An agent who left the app set to Away, with a two-minute wrap-up on their line.
  const profile = await preparedProfile([{ id: 'line_sales', label: 'Vendas', provider: 'META', baseUrl: sim.url, apiKey: number.apiKey }], {
    availability: 'away',
    lineAnswering: { line_sales: { autoAnswerSeconds: null, wrapUpSeconds: 120 } },
  });
  try {
    const app = await openApp({ dataDir: profile.dataDir });
    await expect(page.getByRole('status', { name: 'Line status' })).toHaveText('All lines connected');
    const availability = page.getByRole('combobox', { name: 'Availability' });
    await expect(availability).toHaveValue('away');

    // Available: Tab to the availability and step up to it.
    await tabTo(page, availability);
    await page.keyboard.press('ArrowUp');
    await expect(availability).toHaveValue('available');
    await expect.poll(() => (JSON.parse(readFileSync(join(profile.dataDir, 'settings.json'), 'utf8')) as { availability: string }).availability).toBe('available');

    // A call rings: the Answer button has the focus, Enter takes the call.
    const call = await sim.simulator.meta.incomingCall({ numberId: number.id, from: '+5511987654321', audio: { kind: 'tone', hz: 660 } });
    const phone = sim.simulator.meta.phone(call.id)!;
    const ringing = page.getByRole('region', { name: 'Incoming call from +55 11 98765 4321' });
    await expect(ringing.getByRole('button', { name: 'Answer' })).toBeFocused();
    await page.keyboard.press('Enter');
    const live = page.getByRole('region', { name: 'Call with +55 11 98765 4321' });
    await expect(live.getByRole('timer', { name: 'Call duration' })).toBeVisible();
    await expect(live).toBeFocused();

    // Mute and unmute with their shortcut.
    await page.keyboard.press('Alt+m');
    await expect(live.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Alt+m');
    await expect(live.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'false');

    // The keypad shortcut opens the keypad in the typed-digits field; the digits reach the customer's phone.
    await page.keyboard.press('Alt+k');
    await expect(live.getByRole('group', { name: 'Keypad' }).getByLabel('Type digits')).toBeFocused();
    await page.keyboard.type('159#');
    await page.keyboard.press('Enter');
    await expect.poll(() => phone.digits, { timeout: 10_000 }).toBe('159#');

    // Hang up: the wrap-up takes the focus; the disposition is typed and saved, then Ready.
    await page.keyboard.press('Alt+x');
    const wrapUp = page.getByRole('region', { name: 'Wrap-up: +55 11 98765 4321' });
    await expect(wrapUp.getByRole('heading')).toBeFocused();
    await expect(page.getByRole('combobox', { name: 'Availability' })).toHaveAccessibleDescription('Wrap-up');
    await page.keyboard.press('Tab');
    await expect(wrapUp.getByRole('textbox', { name: /^Disposition/ })).toBeFocused();
    await page.keyboard.type('Resolvido');
    await page.keyboard.press('Enter');
    await expect(wrapUp.getByRole('status')).toHaveText('Saved');
    await tabTo(page, wrapUp.getByRole('button', { name: 'Ready' }));
    await page.keyboard.press('Enter');
    await expect(wrapUp).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Availability' })).not.toHaveAccessibleDescription('Wrap-up');

    expect(queryCallLog<{ disposition: string; outcome: string }>(app.dataDir, 'SELECT disposition, outcome FROM calls WHERE id = ?', call.id)).toEqual({
      disposition: 'Resolvido',
      outcome: 'answered',
    });
    expect(sim.simulator.call(call.id)!.status).toBe('COMPLETED');
  } finally {
    await profile.forget();
  }
});

test('the help lists the shortcuts and a remapped key is refused with a sentence when another action has it', async ({ page, openApp }) => {
  await openApp();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('term').filter({ hasText: 'Mute or unmute' })).toBeVisible();
  await expect(help).toContainText('Alt+M');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.getByRole('tab', { name: 'Settings' }).click();
  const keyboard = page.getByRole('region', { name: 'Keyboard' });
  await keyboard.getByRole('button', { name: 'Change the shortcut for Hold or resume' }).click();
  await page.keyboard.press('Alt+m');
  await expect(keyboard.getByRole('alert')).toHaveText('Alt+M is already the shortcut for Mute or unmute. Choose other keys, or change that one first.');
  await keyboard.getByRole('button', { name: 'Change the shortcut for Hold or resume' }).click();
  await page.keyboard.press('Control+Shift+h');
  await expect(keyboard.getByRole('status')).toHaveText('Hold or resume: Ctrl+Shift+H');
  // The browser version says it cannot have system-wide keys.
  await expect(keyboard).toContainText('The browser version of the app cannot use system-wide shortcuts');
  await expect(keyboard.getByRole('checkbox', { name: 'Use system-wide shortcuts' })).toBeDisabled();
});
