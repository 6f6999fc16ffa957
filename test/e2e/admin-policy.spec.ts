import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectContract } from '../support/contract-client';
import { tempDir } from '../support/temp-dir';
import { addLine, expect, test } from './fixtures';

/** A policy folder as IT writes it (policy.json), given to the app with --policy-dir. */
const policyFolder = (policy: string): { args: string[]; close: () => void } => {
  const dir = tempDir('pilot-policy-');
  mkdirSync(join(dir.path, 'policy.d'));
  writeFileSync(join(dir.path, 'policy.json'), policy);
  return { args: ['--policy-dir', dir.path], close: () => dir.remove() };
};

test('an enforced address and poll period show as managed, and the main side refuses changing them', async ({ page, openApp, sim }) => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  const policy = policyFolder(
    JSON.stringify({
      Enforced: { BaseUrlAllowlist: [sim.url], PollIntervalMs: 2000, Lines: [{ Name: 'Support', Type: 'web', Address: sim.url }] },
    }),
  );
  const app = await openApp({ args: ['--no-demo', ...policy.args] });

  const organization = page.getByRole('region', { name: 'Your organization' });
  await expect(organization.getByText('Your organization manages this app on this computer.')).toBeVisible();
  await expect(organization.getByText('Locked by your organization: poll period.')).toBeVisible();
  await expect(organization.getByText('Lines set up by your organization: only their keys can be entered here.')).toBeVisible();

  const poll = page.getByRole('combobox', { name: 'Check for new calls every' });
  await expect(poll).toBeDisabled();
  await expect(poll).toHaveValue('2000');
  await expect(poll).toHaveAccessibleDescription(/Managed by your organization/);

  // The line IT set up: listed as managed, no Remove; its key can be entered, its address cannot change.
  const lines = page.getByRole('region', { name: 'Lines' });
  await expect(lines.getByText('Support')).toBeVisible();
  await expect(lines.getByRole('button', { name: 'Remove Support' })).toHaveCount(0);
  await lines.getByRole('button', { name: 'Edit Support' }).click();
  const form = page.getByRole('form', { name: 'Edit Support' });
  await expect(form.getByLabel('Pilot Status address')).not.toBeEditable();
  await form.getByRole('textbox', { name: /^New API key/ }).fill(number.apiKey);
  await form.getByRole('button', { name: 'Save line' }).click();
  await expect(lines.getByRole('status')).toHaveText('Line Support saved.');
  await expect(page.getByRole('status', { name: 'Line status' })).toHaveText('All lines connected');

  // An address outside the allowlist gets the sentence, and what was typed stays.
  await addLine(page, { label: 'Elsewhere', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: 'https://other.example.com' });
  const addForm = page.getByRole('form', { name: 'Add a line' });
  await expect(addForm.getByRole('alert')).toHaveText(`Your organization allows only these Pilot Status addresses: ${sim.url}.`);
  await expect(addForm.getByLabel('Name')).toHaveValue('Elsewhere');

  // The window is not the only guard: the contract itself refuses.
  const contract = await connectContract(app);
  try {
    expect(await contract.call('settings.update', { pollIntervalMs: 500 })).toMatchObject({ ok: false, error: { code: 'SETTING_MANAGED' } });
    const listed = await contract.call('accounts.list', {});
    const support = listed.ok ? listed.value.find((account) => account.label === 'Support') : undefined;
    expect(support).toBeDefined();
    expect(await contract.call('accounts.remove', { id: support!.id })).toMatchObject({ ok: false, error: { code: 'SETTING_MANAGED' } });
  } finally {
    contract.close();
    policy.close();
  }
  const settings = JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as { accounts: { label: string }[] };
  expect(settings.accounts.map((account) => account.label)).toEqual(['Support']);
});

test('a broken policy file is named in the window and the app runs on its own defaults', async ({ page, openApp }) => {
  const policy = policyFolder('{"Enforced": {"PollIntervalMs": 2000,');
  try {
    await openApp({ args: policy.args });
    const organization = page.getByRole('region', { name: 'Your organization' });
    await expect(organization.getByRole('alert')).toContainText("Part of your organization's policy could not be used");
    await expect(organization.getByRole('alert')).toContainText('policy.json is not valid JSON');
    // Nothing of the broken file applies: the poll period is the agent's to change.
    const poll = page.getByRole('combobox', { name: 'Check for new calls every' });
    await expect(poll).toBeEnabled();
    await poll.selectOption('5000');
    await expect(poll).toHaveValue('5000');
    await expect(page.getByText('Demo mode')).toBeVisible();
  } finally {
    policy.close();
  }
});

test('support gets a diagnostics zip from Settings, and the updates section says why this copy does not update itself', async ({ page, openApp }) => {
  await openApp();
  const organization = page.getByRole('region', { name: 'Your organization' });
  await expect(organization.getByText('This copy runs from the source and does not update itself.')).toBeVisible();
  await organization.getByRole('button', { name: 'Export diagnostics' }).click();
  const saved = organization.getByRole('status').filter({ hasText: /^Saved / });
  await expect(saved).toBeVisible();
  const path = /^Saved (.+\.zip) \(\d+ KB\)\.$/.exec((await saved.textContent()) ?? '')?.[1];
  expect(path).toBeDefined();
  expect(existsSync(path!)).toBe(true);
  // A zip file starts with the local file header signature.
  expect(readFileSync(path!).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
});
