import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateHistory } from '../support/history-generator';
import { preparedProfile } from '../support/profile';
import { expect, openSection, test } from './fixtures';

/**
 * Every screen and state of the window passes axe with no violation, in
 * Brazilian Portuguese, light and dark, compact and wide: idle, a call
 * ringing quietly, ringing (with the customer's name from the contacts), in
 * call (with its notes and disposition), wrap-up, Recent, Contacts (with an
 * import report and the add form), History (with its statistics and a call's
 * detail), Lines (with its form), Settings (with the team's dispositions), the
 * keyboard help, and Meta calling settings. With PILOT_SCREENSHOTS=<folder> each state is also saved
 * as a picture there.
 */
const screenshots = process.env.PILOT_SCREENSHOTS;
const sizes = [
  { name: '380x640', width: 380, height: 640 },
  { name: '1280x800', width: 1280, height: 800 },
] as const;
const themes = ['light', 'dark'] as const;

/**
 * `forcedColors`: axe reads text colour from `-webkit-text-fill-color`, which forced colours leave at the
 * author's colour while they replace the background (dequelabs/axe-core#3978), so its contrast figures are
 * wrong there; the system's palette sets the contrast, and the other rules still run.
 */
const check = async (page: Page, label: string, state: string, options: { forcedColors?: boolean } = {}): Promise<void> => {
  // Animations settle (the ring's pulse, the chart) before axe reads colours.
  await page.waitForTimeout(150);
  const builder = new AxeBuilder({ page });
  const results = await (options.forcedColors ? builder.disableRules(['color-contrast']) : builder).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 3).join(' ')}`).slice(0, 4) }));
  expect(found, `axe violations in ${state} (${label})`).toEqual([]);
  if (screenshots) await page.screenshot({ path: join(screenshots, `${label}-${state}.png`) });
};

for (const size of sizes) {
  for (const theme of themes) {
    test(`every screen passes axe in pt-BR, ${theme}, ${size.name}`, async ({ page, openApp }) => {
      test.setTimeout(180_000);
      if (screenshots) mkdirSync(screenshots, { recursive: true });
      const label = `${size.name}-${theme}`;
      // Demo mode in Portuguese, a wrap-up on the demo web line, and a call log with history in it.
      const profile = await preparedProfile([], {
        locale: 'pt-BR',
        lineAnswering: { 'demo-1': { autoAnswerSeconds: null, wrapUpSeconds: 300 } },
        dispositions: ['Venda', 'Retornar depois'],
      });
      generateHistory(join(profile.dataDir, 'call-log.sqlite'), { count: 400, seed: 7, timeline: true }).close();
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: theme });
      await openApp({ dataDir: profile.dataDir });
      await expect(page.getByText('Modo demonstração')).toBeVisible();
      if (size.width < 900) await openSection(page, 'Telefone');
      await check(page, label, 'idle');

      const demo = page.getByRole('region', { name: 'Cliente simulado' });
      const availability = page.getByRole('combobox', { name: 'Disponibilidade' });
      await availability.selectOption('dnd');
      await demo.getByRole('button', { name: 'Simular chamada recebida' }).click();
      await expect(page.getByRole('region', { name: 'Tocando nas suas linhas, não para você' })).toBeVisible();
      await check(page, label, 'quiet-ringing');
      await demo.getByRole('button', { name: /^Cliente desliga/ }).click();
      await availability.selectOption('available');

      await demo.getByRole('button', { name: 'Simular chamada recebida' }).click();
      const ringing = page.getByRole('region', { name: /^Chamada recebida de/ });
      await expect(ringing.getByRole('button', { name: 'Atender' })).toBeFocused();
      await check(page, label, 'ringing');
      await ringing.getByRole('button', { name: 'Atender' }).click();
      await expect(page.getByRole('timer', { name: 'Duração da chamada' })).toBeVisible();
      const live = page.getByRole('region', { name: /^Chamada com/ });
      await live.getByRole('combobox', { name: 'Tabulação' }).selectOption('Venda');
      await live.getByRole('textbox', { name: 'Anotações da chamada' }).fill('Cliente pediu a segunda via do boleto.');
      await expect(live.getByRole('status').filter({ hasText: /^Salvo$/ })).toBeVisible();
      // The picture shows the call from its top, not where the notes scrolled it.
      await live.evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await check(page, label, 'in-call');
      await demo.getByRole('button', { name: /^Cliente desliga/ }).click();
      const wrapUp = page.getByRole('region', { name: /^Pós-atendimento:/ });
      await expect(wrapUp).toBeVisible();
      // The wrap-up holds the call's notes as typed in the call.
      await expect(wrapUp.getByRole('textbox', { name: 'Anotações da chamada' })).toHaveValue('Cliente pediu a segunda via do boleto.');
      await check(page, label, 'wrap-up');
      await wrapUp.getByRole('button', { name: 'Pronto' }).click();

      await openSection(page, 'Recentes');
      await expect(page.getByRole('region', { name: 'Chamadas recentes' }).getByText('Tocou enquanto você estava ausente (não perturbe)')).toBeVisible();
      await check(page, label, 'recent');

      await openSection(page, 'Contatos');
      const contacts = page.getByRole('region', { name: 'Contatos' });
      await contacts.getByLabel('Arquivo CSV ou vCard').setInputFiles({
        name: 'contatos.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Nome;Celular;Empresa\nMaria Conceição;(11) 98765-4321;Padaria São João\nSem Número;;\n'),
      });
      await expect(contacts.getByRole('list', { name: 'Não importados' })).toBeVisible();
      await contacts.getByRole('button', { name: 'Adicionar contato' }).click();
      await expect(contacts.getByRole('form', { name: 'Adicionar um contato' })).toBeVisible();
      await check(page, label, 'contacts');

      await openSection(page, 'Histórico');
      const log = page.getByRole('region', { name: 'Histórico de chamadas' });
      await expect(log.getByRole('table', { name: 'Chamadas' }).getByRole('row').nth(2)).toBeVisible();
      await check(page, label, 'history');
      await log.getByRole('button', { name: 'Mostrar estatísticas' }).click();
      await expect(log.getByRole('img', { name: /Gráfico de barras/ }).first()).toBeVisible();
      await check(page, label, 'history-stats');
      await log.getByRole('button', { name: /^Detalhes da chamada com/ }).first().click();
      const detail = page.getByRole('dialog');
      await expect(detail).toBeVisible();
      await check(page, label, 'call-detail');
      await detail.getByRole('button', { name: 'Fechar' }).click();

      await openSection(page, 'Linhas');
      await page.getByRole('button', { name: 'Adicionar linha' }).click();
      await expect(page.getByRole('form', { name: 'Adicionar uma linha' })).toBeVisible();
      await check(page, label, 'lines');

      await openSection(page, 'Ajustes');
      await expect(page.getByRole('region', { name: 'Teclado' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Tabulações' }).getByRole('list')).toContainText('Retornar depois');
      await check(page, label, 'settings');
      // The agent's own choice of colours wins over the system's.
      const other = theme === 'light' ? 'Escuras' : 'Claras';
      await page.getByRole('radio', { name: other }).check();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme === 'light' ? 'dark' : 'light');
      await check(page, label, 'settings-chosen-colours');
      await page.getByRole('radio', { name: 'Como no sistema' }).check();

      await page.getByRole('tab', { name: 'Ajustes' }).focus();
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Atalhos de teclado' })).toBeVisible();
      await check(page, label, 'keyboard-help');
      await profile.forget();
    });
  }
}

test('under forced colours (high contrast) the selected section, a ringing call and pressed buttons stay marked without colour', async ({ page, openApp }) => {
  await page.setViewportSize({ width: 380, height: 640 });
  await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
  await openApp();
  const label = '380x640-forced';
  const styleOf = (locator: ReturnType<Page['getByRole']>, property: 'textDecorationLine' | 'borderTopWidth' | 'borderBottomWidth') =>
    locator.evaluate((element, name) => getComputedStyle(element)[name], property);
  expect(await styleOf(page.getByRole('tab', { name: 'Phone' }), 'textDecorationLine')).toBe('underline');
  expect(await styleOf(page.getByRole('tab', { name: /^Recent/ }), 'textDecorationLine')).toBe('none');
  await check(page, label, 'idle', { forcedColors: true });

  await page.getByRole('region', { name: 'Simulated customer' }).getByRole('button', { name: 'Simulate incoming call' }).click();
  const ringing = page.getByRole('region', { name: /^Incoming call from/ });
  expect(await styleOf(ringing, 'borderTopWidth')).toBe('3px');
  await check(page, label, 'ringing', { forcedColors: true });
  await ringing.getByRole('button', { name: 'Answer' }).click();
  const live = page.getByRole('region', { name: /^Call with/ });
  await live.getByRole('button', { name: 'Mute' }).click();
  const unmute = live.getByRole('button', { name: 'Unmute' });
  await expect(unmute).toHaveAttribute('aria-pressed', 'true');
  expect(await styleOf(unmute, 'borderTopWidth')).toBe('3px');
  expect(await styleOf(live.getByRole('button', { name: 'Hold' }), 'borderTopWidth')).toBe('1px');
  await check(page, label, 'in-call', { forcedColors: true });
});

test('Meta calling settings pass axe in pt-BR, light and dark, compact and wide', async ({ page, sim, openApp }) => {
  const meta = sim.simulator.addNumber({ provider: 'META' });
  const profile = await preparedProfile([{ id: 'meta-1', label: 'Vendas Meta', provider: 'META', baseUrl: sim.url, apiKey: meta.apiKey }], { locale: 'pt-BR' });
  try {
    await openApp({ dataDir: profile.dataDir, args: ['--no-demo'] });
    for (const size of sizes) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await openSection(page, 'Ajustes');
      const panel = page.getByRole('region', { name: 'Configurações de chamadas do WhatsApp' });
      await expect(panel.getByRole('checkbox', { name: 'As chamadas estão ativadas neste número' })).toBeChecked();
      if ((await panel.getByRole('list', { name: 'Horário semanal' }).getByRole('listitem').count()) === 0) {
        await panel.getByRole('checkbox', { name: 'Receber chamadas só neste horário' }).check();
        await panel.getByRole('button', { name: 'Adicionar período' }).click();
      }
      await panel.scrollIntoViewIfNeeded();
      for (const theme of themes) {
        await page.emulateMedia({ colorScheme: theme });
        await check(page, `${size.name}-${theme}`, 'meta-calling-settings');
      }
    }
  } finally {
    await profile.forget();
  }
});
