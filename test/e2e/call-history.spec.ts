import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { queryCallLog } from '../support/call-log-file';
import { generateHistory, generatedLines } from '../support/history-generator';
import { expect, openSection, test } from './fixtures';

/** A profile folder whose call log already holds `count` generated calls. */
const seededProfile = (count: number): string => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilot-history-e2e-'));
  generateHistory(join(dataDir, 'call-log.sqlite'), { count, seed: 11, timeline: true }).close();
  return dataDir;
};

const sql = queryCallLog;

/** Collects CSP violations the page reports, so a test can assert there were none. */
const watchCsp = (page: Page): string[] => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
};

const log = (page: Page) => page.getByRole('region', { name: 'Call log' });
const loaded = async (page: Page): Promise<number> => Number(/(\d[\d,]*) calls? loaded/.exec((await log(page).getByRole('status').last().textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? 0);

test('a manager scrolls, searches and filters a large call log; the list stays windowed', async ({ page, openApp }) => {
  const violations = watchCsp(page);
  const dataDir = seededProfile(20_000);
  await openApp({ dataDir, args: ['--no-demo'] });
  await openSection(page, 'History');
  const table = log(page).getByRole('table', { name: 'Calls' });
  await expect(log(page).getByText('100 calls loaded')).toBeVisible();

  // Scrolling far loads further keyset pages; the DOM only ever holds the rows in view.
  const viewport = page.getByTestId('history-viewport');
  for (let i = 0; i < 8; i += 1) {
    await viewport.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForTimeout(120);
  }
  await expect.poll(() => loaded(page)).toBeGreaterThanOrEqual(500);
  expect(await table.getByRole('row').count()).toBeLessThan(80);

  // Search by an accented name typed without accents.
  await log(page).getByLabel('Search calls').fill('conceicao');
  await expect(table.getByRole('row').nth(1)).toContainText('Conceição');
  const numberCells = table.getByRole('row').locator('[role=cell].number');
  for (const text of await numberCells.allTextContents()) expect(text).toContain('Conceição');

  // Missed only (customers who called and were not answered), on one line: the stats agree with the database.
  await log(page).getByLabel('Search calls').fill('');
  await log(page).getByRole('button', { name: 'Missed only' }).click();
  await log(page).getByRole('combobox', { name: 'Line', exact: true }).selectOption({ label: generatedLines[1].label });
  await expect(log(page).getByRole('combobox', { name: 'Direction' })).toHaveValue('INBOUND');
  await log(page).getByRole('button', { name: 'Show statistics' }).click();
  const expected = sql<{ n: number }>(dataDir, "SELECT count(*) AS n FROM calls WHERE outcome = 'missed' AND direction = 'INBOUND' AND account_id = ?", generatedLines[1].id).n;
  await expect(log(page).locator('[data-stat=total]')).toHaveText(expected.toLocaleString('en'));
  await expect(log(page).locator('[data-stat=missed]')).toHaveText(expected.toLocaleString('en'));
  for (const text of await table.getByRole('row').locator('[role=cell].outcome').allTextContents()) expect(text).toBe('Missed');

  // Both charts drew something, under the app's CSP.
  const charts = log(page).getByRole('img', { name: /Bar chart of calls by/ });
  await expect(charts).toHaveCount(2);
  const painted = await page.locator('.chart-box canvas').evaluateAll((canvases) =>
    canvases.map((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let opaque = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) opaque += 1;
      return opaque;
    }),
  );
  expect(painted.every((n) => n > 500)).toBe(true);
  await page.screenshot({ path: 'test-results/call-history.png', fullPage: true });
  expect(violations).toEqual([]);
});

test('notes, disposition and tags are edited after the call, kept, and searchable', async ({ page, openApp }) => {
  const dataDir = seededProfile(2_000);
  await openApp({ dataDir, args: ['--no-demo'] });
  await openSection(page, 'History');
  const firstRow = log(page).getByRole('table', { name: 'Calls' }).getByRole('row').nth(1);
  await firstRow.getByRole('button', { name: /^Details of the call with/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Call with/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Timeline' }).getByRole('listitem')).not.toHaveCount(0);
  await dialog.getByLabel('Notes').fill('Cliente pediu boleto atualizado — retornar às 15h');
  await dialog.getByLabel('Disposition').fill('retornar ligação');
  await dialog.getByLabel('Tags').fill('vip, cobrança, vip');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved.');
  await expect(dialog.getByRole('list', { name: 'Timeline' })).toContainText('Edited: notes,disposition,tags');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(firstRow).toContainText('retornar ligação · vip · cobrança · Cliente pediu boleto');

  const stored = sql<{ notes: string; disposition: string; tags: string }>(dataDir, 'SELECT notes, disposition, tags FROM calls ORDER BY created_at DESC, seq DESC LIMIT 1');
  expect(stored).toEqual({ notes: 'Cliente pediu boleto atualizado — retornar às 15h', disposition: 'retornar ligação', tags: '["vip","cobrança"]' });
  await log(page).getByLabel('Search calls').fill('boleto atualizado');
  await expect(log(page).getByText('1 call loaded')).toBeVisible();
  // Too short to search: said plainly, and the field is marked.
  await log(page).getByLabel('Search calls').fill('bo');
  await expect(log(page).getByText('Type at least 3 characters to search.')).toBeVisible();
  await expect(log(page).getByLabel('Search calls')).toHaveAttribute('aria-invalid', 'true');
});

test('the current filter exports to CSV with progress, into a folder the app names', async ({ page, openApp }) => {
  const dataDir = seededProfile(30_000);
  await openApp({ dataDir, args: ['--no-demo'] });
  await openSection(page, 'History');
  await log(page).getByRole('combobox', { name: 'Direction', exact: true }).selectOption({ label: 'Outgoing' });
  await log(page).getByRole('button', { name: 'Export CSV' }).click();
  const done = log(page).getByText(/^Exported [\d,]+ calls to /);
  await expect(done).toBeVisible({ timeout: 30_000 });
  const expected = sql<{ n: number }>(dataDir, "SELECT count(*) AS n FROM calls WHERE direction = 'OUTBOUND'").n;
  const text = (await done.textContent())!;
  expect(text).toContain(`Exported ${expected.toLocaleString('en')} calls`);
  const path = text.replace(/^Exported [\d,]+ calls to /, '');
  expect(path.startsWith(join(dataDir, 'exports'))).toBe(true);
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8').trimEnd().split('\n')).toHaveLength(expected + 1);
});

test('a damaged call log does not stop the app: the agent is told where the old file was set aside', async ({ page, openApp }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilot-damaged-'));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'call-log.sqlite'), 'not a database, a stray note\n'.repeat(200));
  await openApp({ dataDir, args: ['--no-demo'] });
  await openSection(page, 'History');
  const banner = log(page).getByRole('alert').filter({ hasText: 'The call log file was damaged' });
  await expect(banner).toBeVisible();
  const movedTo = /set aside at (.+?\.sqlite)/.exec((await banner.textContent())!)![1]!;
  expect(existsSync(movedTo)).toBe(true);
  expect(readFileSync(movedTo, 'utf8')).toContain('a stray note');
  expect(sql<{ ok: string }>(dataDir, 'PRAGMA integrity_check').ok ?? 'ok').toBe('ok');
});

test('a live call leaves its timeline and the agent name in the log', async ({ page, openApp }) => {
  await openApp();
  await openSection(page, 'History');
  const agent = log(page).getByRole('form', { name: 'Agent name' });
  await agent.getByLabel('Agent name').fill('Márcia Conceição');
  await agent.getByRole('button', { name: 'Save name' }).click();
  await expect(agent.getByRole('status')).toHaveText('Agent name saved.');

  await page.getByRole('region', { name: 'Simulated customer' }).getByRole('button', { name: 'Simulate incoming call' }).click();
  const ringing = page.getByRole('region', { name: /^Incoming call from \+55/ });
  const caller = (await ringing.getByRole('paragraph').first().textContent())!.trim();
  await ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByRole('timer', { name: 'Call duration' })).toBeVisible();
  await page.getByRole('button', { name: `Customer hangs up · ${caller}` }).click();
  await expect(page.getByRole('region', { name: `Call with ${caller} ended` })).toContainText('Answered');

  const row = log(page).getByRole('row').filter({ hasText: caller });
  await expect(row.getByRole('cell').filter({ hasText: 'Márcia Conceição' })).toHaveCount(1);
  await row.getByRole('button', { name: /^Details of the call with/ }).click();
  const timeline = page.getByRole('dialog').getByRole('list', { name: 'Timeline' }).getByRole('listitem');
  await expect(timeline.filter({ hasText: 'Rang' })).toHaveCount(1);
  await expect(timeline.filter({ hasText: 'Answer requested' })).toHaveCount(1);
  await expect(timeline.filter({ hasText: /Connected$/ })).toHaveCount(1);
  await expect(timeline.filter({ hasText: 'Ended: Answered' })).toHaveCount(1);
  await expect(page.getByRole('dialog')).toContainText('Rang');
});
