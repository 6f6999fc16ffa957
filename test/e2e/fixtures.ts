import { randomBytes } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import { startSimulatorServer, type RunningSimulator } from '../../main/simulator/sim-server';
import { Simulator } from '../../main/simulator/simulator';
import { startApp, type AppProcess, type StartAppOptions } from '../support/app-process';

export { expect };

export interface Fixtures {
  /** A Pilot Status simulator owned by the test (the app's own demo simulator is separate). */
  sim: RunningSimulator;
  /** Starts the app (browser host) as a separate process; stopped after the test. */
  launchApp: (options?: StartAppOptions) => Promise<AppProcess>;
  /** Starts the app and opens its window in the test's page. */
  openApp: (options?: StartAppOptions) => Promise<AppProcess>;
}

export const test = base.extend<Fixtures>({
  /** Every page of a test: an uncaught error in the window fails the test, whatever else it checked. */
  context: async ({ context }, use) => {
    const errors: string[] = [];
    const watch = (page: Page) => page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(context);
    expect(errors, 'uncaught errors in the app window').toEqual([]);
  },
  sim: async ({}, use) => {
    const sim = await startSimulatorServer({ simulator: new Simulator({ ringTimeoutMs: 30_000 }), controlToken: randomBytes(16).toString('hex') });
    await use(sim);
    await sim.close();
  },
  launchApp: async ({}, use) => {
    const started: AppProcess[] = [];
    await use(async (options) => {
      const app = await startApp(options);
      started.push(app);
      return app;
    });
    await Promise.all(started.map((app) => app.stop()));
  },
  openApp: async ({ page, launchApp }, use) => {
    await use(async (options) => {
      const app = await launchApp(options);
      await page.goto(app.url);
      await expect(page.getByRole('heading', { name: 'Pilot Softphone' })).toBeVisible();
      return app;
    });
  },
});

/** Opens a section of the window (Phone, Recent, History, Lines, Settings) from the section bar; Recent's name may go on with its missed-call count. */
export const openSection = async (page: Page, name: string) => {
  await page.getByRole('tab', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( ?,|$)`) }).click();
};

/** Adds a line through the Lines form, as an agent would. */
export const addLine = async (page: Page, line: { label: string; provider: 'META' | 'EVO_GO'; apiKey: string; baseUrl: string }) => {
  await openSection(page, 'Lines');
  const lines = page.getByRole('region', { name: 'Lines' });
  await lines.getByRole('button', { name: 'Add line' }).click();
  const form = page.getByRole('form', { name: 'Add a line' });
  await form.getByLabel('Name').fill(line.label);
  await form.getByLabel('Number type').selectOption(line.provider);
  // The field's accessible name includes its hint ("API key Starts with ps_...").
  await form.getByRole('textbox', { name: /^API key/ }).fill(line.apiKey);
  await form.getByLabel('Pilot Status address').fill(line.baseUrl);
  await form.getByRole('button', { name: 'Save line' }).click();
};
