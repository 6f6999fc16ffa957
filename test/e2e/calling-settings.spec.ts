import { addLine, expect, openSection, test } from './fixtures';
import { webLine } from './web-call';

test('Meta calling settings: a bad schedule is refused with a sentence and nothing is sent; a good one is saved whole', async ({ page, sim, openApp }) => {
  await openApp({ args: ['--no-demo'] });
  const meta = sim.simulator.addNumber({ provider: 'META' });
  await addLine(page, { label: 'Vendas Meta', provider: 'META', apiKey: meta.apiKey, baseUrl: sim.url });
  const stored = () => sim.simulator.meta.settings.get(meta.id).settings;
  // Technical settings live under Settings.
  await openSection(page, 'Settings');

  const panel = page.getByRole('region', { name: 'WhatsApp calling settings' });
  await expect(panel.getByRole('checkbox', { name: 'Calling is on for this number' })).toBeChecked();
  await panel.getByRole('checkbox', { name: 'Take calls only during these hours' }).check();
  await panel.getByLabel('Time zone').fill('America/Sao_Paulo');

  // Monday 09:00–12:00 and 11:00–14:00: they overlap.
  const periods = panel.getByRole('list', { name: 'Weekly hours' }).getByRole('listitem');
  await panel.getByRole('button', { name: 'Add period' }).click();
  await periods.nth(0).getByLabel('Closes').fill('12:00');
  await panel.getByRole('button', { name: 'Add period' }).click();
  await expect(periods.nth(1).getByRole('combobox', { name: 'Day' })).toHaveValue('MONDAY');
  await periods.nth(1).getByLabel('Opens').fill('11:00');
  await periods.nth(1).getByLabel('Closes').fill('14:00');
  const before = structuredClone(stored());
  await panel.getByRole('button', { name: 'Save calling settings' }).click();
  await expect(panel.getByRole('alert')).toHaveText('Monday: 09:00–12:00 and 11:00–14:00 overlap. Make one end before the other starts.');
  expect(stored()).toEqual(before);

  // Fixed, with a special date and call-backs turned off: saved, call hours whole, in Meta's format.
  await periods.nth(1).getByLabel('Opens').fill('13:00');
  await periods.nth(1).getByLabel('Closes').fill('18:00');
  await panel.getByRole('button', { name: 'Add period' }).click();
  await periods.nth(2).getByRole('combobox', { name: 'Day' }).selectOption({ label: 'Saturday' });
  await periods.nth(2).getByLabel('Closes').fill('13:00');
  const holidays = panel.getByRole('list', { name: 'Holidays and special dates' });
  await panel.getByLabel('Date', { exact: true }).last().fill('2026-12-25');
  await panel.getByRole('button', { name: 'Add date' }).click();
  await holidays.getByRole('listitem').nth(0).getByLabel('Until').fill('12:00');
  await panel.getByRole('checkbox', { name: 'Ask customers who call to allow call-backs' }).uncheck();
  await panel.getByRole('button', { name: 'Save calling settings' }).click();
  await expect(panel.getByRole('status')).toHaveText('Calling settings saved.');
  expect(stored()).toEqual({
    ...before,
    callback_permission_status: 'DISABLED',
    call_hours: {
      status: 'ENABLED',
      timezone_id: 'America/Sao_Paulo',
      weekly_operating_hours: [
        { day_of_week: 'MONDAY', open_time: '0900', close_time: '1200' },
        { day_of_week: 'MONDAY', open_time: '1300', close_time: '1800' },
        { day_of_week: 'SATURDAY', open_time: '0900', close_time: '1300' },
      ],
      holiday_schedule: [{ date: '2026-12-25', start_time: '0000', end_time: '1200' }],
    },
  });

  // What the panel shows is what Pilot Status now has: read back on a fresh window.
  await page.reload();
  await openSection(page, 'Settings');
  await expect(page.getByRole('region', { name: 'WhatsApp calling settings' }).getByRole('list', { name: 'Weekly hours' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('region', { name: 'WhatsApp calling settings' }).getByRole('checkbox', { name: 'Ask customers who call to allow call-backs' })).not.toBeChecked();
});

test('calling settings are offered only for lines whose number type has them', async ({ page, sim, openApp }) => {
  await openApp({ args: ['--no-demo'] });
  await webLine(page, sim);
  await expect(page.getByRole('region', { name: 'Lines' }).getByRole('listitem')).toHaveCount(1);
  await openSection(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Dispositions' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'WhatsApp calling settings' })).toHaveCount(0);
});
