import type { Page } from '@playwright/test';
import type { Provider } from '../../preload/contract';
import { startTeamInfra, TeamFixture, type TeamInfra } from '../support/team-harness';
import { startTeamProcess, type TeamProcess } from '../support/team-process';
import { expect, openSection, test } from './fixtures';

/**
 * One private Redis and PostgreSQL for a spec file (started before its first test, stopped after its last) and a
 * team per test on them: its own database and Redis keys, a simulator with the team's numbers and a team server
 * (`npm run team-server`'s entry, as its own process).
 */
export const teamInfraForFile = (): { team: () => Promise<{ team: TeamFixture; server: TeamProcess }>; numbers: (numbers: { id: string; provider: Provider }[]) => void } => {
  let infra: TeamInfra | undefined;
  let current: TeamFixture | undefined;
  let server: TeamProcess | undefined;
  let numbers: { id: string; provider: Provider }[] = [{ id: 'support', provider: 'EVO_GO' }];
  test.beforeAll(async () => {
    infra = await startTeamInfra();
  });
  test.afterEach(async () => {
    await server?.stop();
    server = undefined;
    await current?.close();
    current = undefined;
  });
  test.afterAll(async () => {
    await infra?.stop();
  });
  return {
    numbers: (list) => (numbers = list),
    team: async () => {
      current = await new TeamFixture(infra!).setup(numbers, { intervalMs: 100, activeIntervalMs: 50 });
      server = await startTeamProcess(current.configFile, current.env(), 'e2e');
      return { team: current, server };
    },
  };
};

/** Adds a team line through the Teams form, as an agent would, and waits until the team server welcomed it. */
export const addTeamLine = async (page: Page, line: { serverUrl: string; token: string; label: string }): Promise<void> => {
  await openSection(page, 'Lines');
  const panel = page.getByRole('region', { name: 'Teams' });
  await panel.getByRole('button', { name: 'Add team line' }).click();
  const form = page.getByRole('form', { name: 'Add a team line' });
  await form.getByRole('textbox', { name: /^Team server address/ }).fill(line.serverUrl);
  await form.getByLabel(/^Agent token/).fill(line.token);
  await form.getByRole('textbox', { name: /^Name/ }).fill(line.label);
  await form.getByRole('button', { name: 'Save team line' }).click();
  await expect(panel.getByRole('status')).toHaveText(`Team line ${line.label} added.`);
  await expect(page.getByRole('status', { name: 'Team status' })).toHaveText(`${line.label}: connected to the team server`);
};

/** The History panel, switched to a source ("This computer" or "Team (<name>)"). */
export const historyOf = async (page: Page, source: string) => {
  await openSection(page, 'History');
  const log = page.getByRole('region', { name: 'Call log' });
  await log.getByRole('radio', { name: source }).check();
  return log;
};
