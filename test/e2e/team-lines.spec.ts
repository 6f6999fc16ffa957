import { AsyncEntry } from '@napi-rs/keyring';
import AxeBuilder from '@axe-core/playwright';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runAgentsCommand } from '../../main/team-server/admin/agents-command';
import { expect, openSection, test } from './fixtures';
import { addTeamLine, historyOf, teamInfraForFile } from './team-app';

const keychainService = 'Pilot Softphone';
const teams = teamInfraForFile();

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/** The team lines in the settings file (none before anything was saved). */
const teamLineIds = (dataDir: string): string[] => {
  const file = join(dataDir, 'settings.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { teamLines: { id: string }[] }).teamLines.map((l) => l.id) : [];
};

test('a team line takes a server address and an agent token kept only in the keychain; bad input gets a sentence; a revoked token is refused at once', async ({ page, openApp }) => {
  const { team, server } = await teams.team();
  const token = await team.addAgent('Ana', ['support']);
  const app = await openApp({ args: ['--no-demo'] });
  await openSection(page, 'Lines');
  const panel = page.getByRole('region', { name: 'Teams' });
  await expect(panel).toContainText('No team lines.');
  await panel.getByRole('button', { name: 'Add team line' }).click();
  const form = page.getByRole('form', { name: 'Add a team line' });
  const address = form.getByRole('textbox', { name: /^Team server address/ });
  const tokenField = form.getByLabel(/^Agent token/);

  // Each mistake is named in a sentence, on its field; nothing typed is lost.
  await address.fill('team.example.com');
  await tokenField.fill(token);
  await form.getByRole('button', { name: 'Save team line' }).click();
  await expect(form.getByRole('alert')).toHaveText("Enter the team server's full address, starting with https://");
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(tokenField).toHaveValue(token);
  await address.fill('http://team.example.com');
  await form.getByRole('button', { name: 'Save team line' }).click();
  await expect(form.getByRole('alert')).toContainText("must start with https:// (http:// only for this computer)");
  await address.fill(server.url);
  await tokenField.fill('pst_tooShort');
  await form.getByRole('button', { name: 'Save team line' }).click();
  await expect(form.getByRole('alert')).toContainText('An agent token starts with pst_');
  await expect(tokenField).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveValue(server.url);
  await form.getByRole('button', { name: 'Cancel' }).click();
  expect(teamLineIds(app.dataDir)).toEqual([]);

  // The right address and token: the team's number becomes a line of the app, with no key of its own.
  await addTeamLine(page, { serverUrl: server.url, token, label: 'Acme' });
  await expect(panel.getByRole('listitem')).toContainText(['Acme as Ana Numbers: Support']);
  await expect(page.getByRole('region', { name: 'Lines' }).getByRole('listitem').filter({ hasText: 'Support' })).toContainText('Through a team line');
  const [id] = teamLineIds(app.dataDir);
  expect(await new AsyncEntry(keychainService, id!).getPassword()).toBe(token);
  const violations = (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations).toEqual([]);

  // The administrator revokes the token: the app hears it at once and says what to do.
  await runAgentsCommand({ kind: 'agents-revoke', config: team.configFile, agent: 'Ana', json: true }, team.config());
  const status = page.getByRole('status', { name: 'Team status' });
  await expect(status).toContainText('Acme: agent token refused');
  await expect(status).toContainText('The team server refused this agent token: it was revoked or is not known.');

  // A new token, through Edit: it replaces the old one in the keychain and the line connects again.
  const renewed = await team.addAgent('Ana Souza', ['support']);
  await panel.getByRole('button', { name: 'Edit Acme' }).click();
  const edit = page.getByRole('form', { name: 'Edit Acme' });
  await edit.getByLabel(/^New agent token/).fill(renewed);
  await edit.getByRole('button', { name: 'Save team line' }).click();
  await expect(panel.getByRole('status')).toHaveText('Team line Acme saved.');
  await expect(status).toHaveText('Acme: connected to the team server');
  await expect(panel.getByRole('listitem')).toContainText(['Acme as Ana Souza']);
  expect(await new AsyncEntry(keychainService, id!).getPassword()).toBe(renewed);

  // Neither token is anywhere in the profile: settings, call log, logs.
  await app.stop();
  const leaks = filesUnder(app.dataDir).filter((file) => readFileSync(file).includes(token) || readFileSync(file).includes(renewed));
  expect(leaks).toEqual([]);
  await new AsyncEntry(keychainService, id!).deletePassword();
});

test('two agents on one team number both ring; the first to answer takes it, the other reads who answered; the Team history shows the call once with notes and disposition', async ({ page, context, launchApp }) => {
  const { team, server } = await teams.team();
  const [anaToken, brunoToken] = [await team.addAgent('Ana', ['support']), await team.addAgent('Bruno', ['support'])];
  const [anaApp, brunoApp] = await Promise.all([launchApp({ args: ['--no-demo'] }), launchApp({ args: ['--no-demo'] })]);
  const ana = page;
  const bruno = await context.newPage();
  await ana.goto(anaApp.url);
  await bruno.goto(brunoApp.url);
  await addTeamLine(ana, { serverUrl: server.url, token: anaToken, label: 'Acme' });
  await addTeamLine(bruno, { serverUrl: server.url, token: brunoToken, label: 'Acme' });

  const call = team.sim.simulator.incomingCall({ numberId: team.simNumber('support').id, from: '+5511987650001' });
  const ringingAna = ana.getByRole('region', { name: /^Incoming call from / });
  const ringingBruno = bruno.getByRole('region', { name: /^Incoming call from / });
  await expect(ringingAna).toContainText('Support');
  await expect(ringingBruno).toContainText('Support');

  await ringingAna.getByRole('button', { name: 'Answer' }).click();
  await expect(ana.getByRole('region', { name: /^Call with / })).toContainText('Connected');
  const elsewhere = bruno.getByRole('region', { name: /^Call with .* ended$/ });
  await expect(elsewhere).toContainText('Answered by Ana');
  // Listening in is the supervisors' on a team: an agent is not offered it.
  await expect(elsewhere.getByRole('button', { name: 'Listen in' })).toHaveCount(0);
  await expect(ringingBruno).toHaveCount(0);
  expect(team.sim.simulator.call(call.id)!.status).toBe('ACCEPTED');

  team.sim.simulator.customerHangup(call.id);
  await expect(ana.getByRole('region', { name: /^Call with .* ended$/ })).toContainText('Answered');

  // Ana writes the wrap-up in her History; it goes to the team history.
  const anaLog = await historyOf(ana, 'This computer');
  await anaLog.getByRole('table', { name: 'Calls' }).getByRole('row').nth(1).getByRole('button', { name: /^Details of the call with/ }).click();
  const dialog = ana.getByRole('dialog', { name: /^Call with/ });
  await dialog.getByLabel('Notes').fill('Quer segunda via do boleto');
  await dialog.getByLabel('Disposition').fill('resolvido');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await openSection(ana, 'Lines');
  await expect(ana.getByRole('region', { name: 'Teams' }).getByRole('listitem')).not.toContainText(['waiting for the team history']);

  // Bruno's own computer never had the call answered; the Team history has it once, Ana's, with her notes.
  const brunoLog = await historyOf(bruno, 'Team (Acme)');
  const rows = brunoLog.getByRole('table', { name: 'Calls' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Ana');
  await expect(rows.nth(1)).toContainText('resolvido');
  await expect(rows.nth(1)).toContainText('Quer segunda via do boleto');
  await brunoLog.getByLabel('Search calls').fill('segunda via');
  await expect(rows).toHaveCount(2);
  const violations = (await new AxeBuilder({ page: bruno }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations).toEqual([]);
  await brunoLog.getByLabel('Search calls').fill('');
  await historyOf(bruno, 'This computer');
  await expect(rows.nth(1)).toContainText('Answered by another agent');
  await expect(rows).toHaveCount(2);
});
