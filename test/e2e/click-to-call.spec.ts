import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/app-process';
import { expect, test } from './fixtures';

/** Starts the browser host as a second copy would be started (by a user, or by the desktop for a link) and waits for it to end. */
const startAgain = (dataDir: string, args: string[]): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist/main/web.js'), '--no-open', '--data-dir', dataDir, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });

test('--call and a tel: link on a running copy open its dialer with the number, asking which line; junk is refused with a sentence', async ({ page, openApp }) => {
  // Demo mode has two lines (web and Meta): the app asks which one should call.
  const app = await openApp();
  const dialer = page.getByRole('region', { name: 'Place a call' });
  const number = dialer.getByLabel("Customer's number");

  const handed = await startAgain(app.dataDir, ['--call', '+55 11 98765-4321']);
  expect(handed).toEqual({ code: 0, output: expect.stringContaining('its dialer now shows +5511987654321') });
  await expect(number).toHaveValue('+55 11 98765 4321');
  const question = dialer.getByRole('group', { name: 'Which line should call +55 11 98765 4321?' });
  // The keyboard is on the question: the first line (Meta numbers first, as in the line list) has the focus.
  await expect(question.getByRole('button', { name: 'Demo Meta line' })).toBeFocused();
  await question.getByRole('button', { name: 'Demo web line' }).click();
  await expect(question).toHaveCount(0);
  await expect(dialer.getByRole('combobox', { name: 'From line' })).toHaveValue('demo-1');
  await expect(dialer.getByRole('button', { name: 'Call', exact: true })).toBeFocused();
  await expect(dialer.getByRole('button', { name: 'Call', exact: true })).toBeEnabled();

  const link = await startAgain(app.dataDir, ['tel:+55-21-99887-7665']);
  expect(link.code).toBe(0);
  await expect(number).toHaveValue('+55 21 99887 7665');
  await expect(dialer.getByRole('group', { name: 'Which line should call +55 21 99887 7665?' })).toBeVisible();

  const junk = await startAgain(app.dataDir, ['--call', 'banana']);
  expect(junk).toEqual({ code: 2, output: expect.stringContaining('"banana" is not a phone number that can be called') });
  await expect(number).toHaveValue('+55 21 99887 7665');
  expect(app.child.exitCode).toBeNull();
});

test('a WhatsApp link pasted in the dialer becomes its number, and a first start with --call opens with it', async ({ page, openApp }) => {
  await openApp({ args: ['--call', 'https://wa.me/5531991234567'] });
  const dialer = page.getByRole('region', { name: 'Place a call' });
  await expect(dialer.getByLabel("Customer's number")).toHaveValue('+55 31 99123 4567');
  // The lines arrive after the number: the question is asked once they are there.
  await expect(dialer.getByRole('group', { name: 'Which line should call +55 31 99123 4567?' })).toBeVisible();
  await dialer.getByLabel("Customer's number").fill('whatsapp://send?phone=5548996543210');
  await expect(dialer.getByLabel("Customer's number")).toHaveValue('+55 48 99654 3210');
  await dialer.getByLabel("Customer's number").fill('https://wa.me/');
  await expect(dialer.getByLabel("Customer's number")).toHaveAttribute('aria-invalid', 'true');
  await expect(dialer).toContainText('That link has no phone number in it.');
});
