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
 * ringing quietly, ringing, in call, wrap-up, Recent, History (with its
 * statistics and a call's detail), Lines (with its form), Settings and the
 * keyboard help. With PILOT_SCREENSHOTS=<folder> each state is also saved
 * as a picture there.
 */
const screenshots = process.env.PILOT_SCREENSHOTS;
const sizes = [
  { name: '380x640', width: 380, height: 640 },
  { name: '1280x800', width: 1280, height: 800 },
] as const;
const themes = ['light', 'dark'] as const;

const check = async (page: Page, label: string, state: string): Promise<void> => {
  // Animations settle (the ring's pulse, the chart) before axe reads colours.
  await page.waitForTimeout(150);
  const results = await new AxeBuilder({ page }).analyze();
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
      const profile = await preparedProfile([], { locale: 'pt-BR', lineAnswering: { 'demo-1': { autoAnswerSeconds: null, wrapUpSeconds: 300 } } });
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
      await check(page, label, 'in-call');
      await demo.getByRole('button', { name: /^Cliente desliga/ }).click();
      const wrapUp = page.getByRole('region', { name: /^Pós-atendimento:/ });
      await expect(wrapUp).toBeVisible();
      await check(page, label, 'wrap-up');
      await wrapUp.getByRole('button', { name: 'Pronto' }).click();

      await openSection(page, 'Recentes');
      await expect(page.getByRole('region', { name: 'Chamadas recentes' }).getByText('Tocou enquanto você estava ausente (não perturbe)')).toBeVisible();
      await check(page, label, 'recent');

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
