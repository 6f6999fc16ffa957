import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/app-process';
import { electronRuntime } from '../support/electron-runtime';

const runtime = electronRuntime();
const skipReason = 'missing' in runtime ? `Electron tests skipped: ${runtime.missing}` : null;
if (skipReason) console.warn(skipReason);
test.skip(skipReason !== null, skipReason ?? '');

let app: ElectronApplication;

test.beforeEach(async () => {
  app = await electron.launch({
    executablePath: 'path' in runtime ? runtime.path : undefined,
    args: [join(repoRoot, 'dist/main/electron.js'), '--data-dir', mkdtempSync(join(tmpdir(), 'pilot-electron-')), '--no-sandbox'],
  });
});
test.afterEach(async () => {
  await app?.close();
});

test('the window keeps Electron\'s security defaults', async () => {
  const page = await app.firstWindow();
  await expect(page.getByRole('heading', { name: 'Pilot Softphone' })).toBeVisible();
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getURL())).toBe('app://renderer/');
  const renderer = await page.evaluate(() => {
    const scope = globalThis as unknown as { require?: unknown; process?: unknown; pilot?: Record<string, Record<string, unknown>> };
    return {
      require: typeof scope.require,
      process: typeof scope.process,
      answer: typeof scope.pilot?.calls?.answer,
      names: Object.keys(scope.pilot ?? {}),
    };
  });
  // No Node in the page, context isolation (only the named verbs crossed the bridge), no generic send.
  expect(renderer).toMatchObject({ require: 'undefined', process: 'undefined', answer: 'function' });
  expect(renderer.names).not.toContain('send');
  expect(renderer.names).toEqual(expect.arrayContaining(['calls', 'accounts', 'on']));
});

test('navigation away from the app and new windows are refused', async () => {
  const page = await app.firstWindow();
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe('app://renderer/');
  await page.evaluate(() => open('https://example.com/'));
  await page.waitForTimeout(500);
  expect(app.windows()).toHaveLength(1);
});

test('a demo call rings, is answered and ends, through IPC instead of the socket', async () => {
  const page = await app.firstWindow();
  await page.getByRole('button', { name: 'Simulate incoming call' }).click();
  const ringing = page.getByRole('region', { name: /^Incoming call from/ });
  await ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByRole('timer', { name: 'Call duration' })).toBeVisible();
  await page.getByRole('button', { name: /^Customer hangs up/ }).click();
  await expect(page.getByRole('region', { name: /ended$/ })).toContainText('Answered');
});
