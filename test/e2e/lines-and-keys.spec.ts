import { AsyncEntry } from '@napi-rs/keyring';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { addLine, expect, openSection, test } from './fixtures';

const keychainService = 'Pilot Softphone';

/** Every file under a folder, recursively. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

const lineIds = (dataDir: string): string[] =>
  (JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { accounts: { id: string }[] }).accounts.map((a) => a.id);

test('an API key goes to the OS keychain and nowhere else, and the line works after a restart', async ({ page, openApp, launchApp, sim }) => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  const framesToPage: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => framesToPage.push(String(frame.payload))));
  const app = await openApp();
  await expect(page.getByText('Demo mode')).toBeVisible();

  await addLine(page, { label: 'Support', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url });
  await expect(page.getByRole('region', { name: 'Lines' }).getByRole('status')).toHaveText('Line Support added.');
  await expect(page.getByText('Demo mode')).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Line status' })).toHaveText('All lines connected');

  const [id] = lineIds(app.dataDir);
  expect(await new AsyncEntry(keychainService, id!).getPassword()).toBe(number.apiKey);

  const call = sim.simulator.incomingCall({ numberId: number.id, from: '+5511987654321' });
  await expect(page.getByRole('region', { name: /^Incoming call from/ })).toBeVisible();
  await page.getByRole('button', { name: 'Decline' }).click();
  await expect.poll(() => sim.simulator.call(call.id)?.status).toBe('REJECTED');

  await app.stop();
  const leaks = filesUnder(app.dataDir).filter((file) => readFileSync(file).includes(number.apiKey));
  expect(leaks).toEqual([]);
  expect(framesToPage.length).toBeGreaterThan(0);
  expect(framesToPage.filter((frame) => frame.includes(number.apiKey))).toEqual([]);

  const again = await launchApp({ dataDir: app.dataDir });
  expect(again.mode).toBe('live');
  await page.goto(again.url);
  await expect(page.getByRole('status', { name: 'Line status' })).toHaveText('All lines connected');
  sim.simulator.incomingCall({ numberId: number.id, from: '+5521998877665' });
  await expect(page.getByRole('region', { name: /^Incoming call from \+55 21/ })).toBeVisible();
});

test('a rejected key gets a clear message, is kept, and replacing it reconnects the line', async ({ page, openApp, sim }) => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  const app = await openApp();
  await addLine(page, { label: 'Sales', provider: 'EVO_GO', apiKey: 'ps_revokedKey12345', baseUrl: sim.url });
  const status = page.getByRole('status', { name: 'Line status' });
  await expect(status).toContainText('Sales: API key rejected');
  await expect(status).toContainText('Pilot Status rejected the API key');
  const [id] = lineIds(app.dataDir);
  expect(await new AsyncEntry(keychainService, id!).getPassword()).toBe('ps_revokedKey12345');

  await page.getByRole('button', { name: 'Edit Sales' }).click();
  const form = page.getByRole('form', { name: 'Edit Sales' });
  await form.getByLabel('New API key').fill(number.apiKey);
  await form.getByRole('button', { name: 'Save line' }).click();
  await expect(status).toHaveText('All lines connected');
  expect(await new AsyncEntry(keychainService, id!).getPassword()).toBe(number.apiKey);
});

test('bad input gets a clear error and loses nothing typed', async ({ page, openApp, sim }) => {
  await openApp();
  await openSection(page, 'Lines');
  await page.getByRole('button', { name: 'Add line' }).click();
  const form = page.getByRole('form', { name: 'Add a line' });
  await form.getByLabel('Name').fill('Support');
  await form.getByLabel('API key', { exact: true }).fill('Bearer 1234');
  await form.getByRole('button', { name: 'Save line' }).click();
  await expect(form.getByRole('alert')).toHaveText(/A Pilot Status API key starts with ps_/);
  await expect(form.getByLabel('Name')).toHaveValue('Support');
  await expect(form.getByLabel('API key', { exact: true })).toHaveValue('Bearer 1234');
  await expect(form.getByLabel('API key', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('API key', { exact: true }).fill('ps_validLooking123');
  await form.getByLabel('Pilot Status address').fill('ftp://files.example');
  await form.getByRole('button', { name: 'Save line' }).click();
  await expect(form.getByRole('alert')).toHaveText(/starting with https:\/\//);

  // Plain http would carry the key unencrypted: refused, saying why (this machine excepted).
  await form.getByLabel('Pilot Status address').fill('http://pilot.example.com');
  await form.getByRole('button', { name: 'Save line' }).click();
  await expect(form.getByRole('alert')).toHaveText(/over http:\/\/ the API key would travel unencrypted/);

  // A short key is still a key: the form takes it.
  await form.getByLabel('API key', { exact: true }).fill('ps_k1');
  await form.getByLabel('Pilot Status address').fill(sim.url);
  await form.getByRole('button', { name: 'Save line' }).click();
  await expect(page.getByRole('region', { name: 'Lines' }).getByRole('status')).toHaveText('Line Support added.');
});

test('removing a line deletes its key from the keychain and returns to demo mode', async ({ page, openApp, sim }) => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  const app = await openApp();
  await addLine(page, { label: 'Support', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url });
  await expect(page.getByText('Demo mode')).toHaveCount(0);
  const [id] = lineIds(app.dataDir);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Remove Support' }).click();
  await expect(page.getByText('Demo mode')).toBeVisible();
  expect(await new AsyncEntry(keychainService, id!).getPassword()).toBeNull();
  expect(lineIds(app.dataDir)).toEqual([]);
});

test('the app speaks Brazilian Portuguese', async ({ page, openApp }) => {
  await openApp();
  await openSection(page, 'Settings');
  await page.getByLabel('Language').selectOption('pt-BR');
  await expect(page.getByText('Modo demonstração')).toBeVisible();
  // The lines the app names itself are renamed in the new language, at once.
  await openSection(page, 'Linhas');
  await expect(page.getByRole('region', { name: 'Linhas' })).toContainText('Linha web de demonstração');
  await page.getByRole('button', { name: 'Simular chamada recebida' }).click();
  const ringing = page.getByRole('region', { name: /^Chamada recebida de/ });
  await expect(ringing.getByRole('button', { name: 'Atender' })).toBeVisible();
  await expect(ringing).toContainText('Linha web de demonstração');
  await ringing.getByRole('button', { name: 'Recusar' }).click();
  await expect(page.getByRole('region', { name: /encerrada$/ })).toContainText('Recusada');
  await page.reload();
  await openSection(page, 'Histórico');
  await expect(page.getByRole('heading', { name: 'Histórico de chamadas' })).toBeVisible();
});

test('the poll period is a setting that survives a restart', async ({ page, openApp, launchApp }) => {
  const app = await openApp();
  await openSection(page, 'Settings');
  const select = page.getByRole('combobox', { name: 'Check for new calls every' });
  await expect(select).toHaveValue('1000');
  await select.selectOption({ label: '2 seconds' });
  // The file appears with the first change: until then there is nothing to read.
  const stored = () => {
    try {
      return (JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as { pollIntervalMs: number }).pollIntervalMs;
    } catch {
      return null;
    }
  };
  await expect.poll(stored).toBe(2000);
  await app.stop();
  const again = await launchApp({ dataDir: app.dataDir });
  await page.goto(again.url);
  await openSection(page, 'Settings');
  await expect(page.getByRole('combobox', { name: 'Check for new calls every' })).toHaveValue('2000');
});
