import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryCallLog } from '../support/call-log-file';
import { expect, openSection, test } from './fixtures';
import { answerWebCall, webLine } from './web-call';

const storedNotes = (dataDir: string, callId: string) => queryCallLog<{ notes: string; disposition: string | null } | undefined>(dataDir, 'SELECT notes, disposition FROM calls WHERE id = ?', callId);

test('notes typed during a live call survive the app being killed mid-typing, and are the call detail\'s after a restart', async ({ page, sim, launchApp }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilot-notes-'));
  const first = await launchApp({ dataDir, args: ['--no-demo'] });
  await page.goto(first.url);
  const number = await webLine(page, sim);
  const call = await answerWebCall(page, sim, number);
  const notes = call.live.getByRole('textbox', { name: 'Call notes' });

  const opening = 'Cliente pediu a segunda via do boleto de março. ';
  await notes.pressSequentially(opening, { delay: 15 });
  await expect(call.live.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  expect(storedNotes(dataDir, call.callId)?.notes).toBe(opening);

  // The agent keeps typing, never pausing; saves go out as the text grows, and the app dies mid-sentence. The keys
  // are typed inside the page, one every 40 ms: typed through the browser's remote control, a loaded machine spaces
  // them out unevenly, and a pause would let a save that only waits for a pause pass this test too.
  const rest = 'Confirmar o endereço de entrega e retornar amanhã às 10h, pelo celular da loja; se não atender, mandar mensagem no WhatsApp com o código de barras.';
  const typing = notes.evaluate(
    (textarea: HTMLTextAreaElement, text: string) =>
      new Promise<void>((done) => {
        let next = 0;
        const key = setInterval(() => {
          textarea.value += text[next++];
          textarea.dispatchEvent(new InputEvent('input', { bubbles: true, data: text[next - 1], inputType: 'insertText' }));
          if (next >= text.length) {
            clearInterval(key);
            done();
          }
        }, 40);
      }),
    rest,
  );
  await expect.poll(() => storedNotes(dataDir, call.callId)?.notes.length ?? 0, { timeout: 15_000, intervals: [50] }).toBeGreaterThan(opening.length + 5);
  const acknowledged = storedNotes(dataDir, call.callId)!.notes;
  await first.kill('SIGKILL');
  // The app died while the agent was still typing: what it had saved was only part of the text.
  expect(acknowledged.length).toBeLessThan((opening + rest).length);
  await typing;
  sim.simulator.customerHangup(call.callId);

  // A new start on the same profile: the call detail holds what was saved, nothing acknowledged was lost.
  const second = await launchApp({ dataDir, args: ['--no-demo'] });
  await page.goto(second.url);
  await openSection(page, 'History');
  const history = page.getByRole('region', { name: 'Call log' });
  await history.getByRole('table', { name: 'Calls' }).getByRole('row').nth(1).getByRole('button', { name: /^Details of the call with/ }).click();
  const restored = await page.getByRole('dialog', { name: /^Call with/ }).getByLabel('Notes').inputValue();
  expect(restored.startsWith(acknowledged)).toBe(true);
  expect((opening + rest).startsWith(restored)).toBe(true);
  expect(restored.length).toBeGreaterThan(opening.length + 5);
  await second.stop();
  expect(storedNotes(dataDir, call.callId)?.notes).toBe(restored);
});

test('the disposition is picked from the team\'s list during the call, kept after it, and shown in the history', async ({ page, sim, openApp }) => {
  const app = await openApp({ args: ['--no-demo'] });
  await openSection(page, 'Settings');
  const dispositions = page.getByRole('region', { name: 'Dispositions' });
  for (const name of ['Venda', 'Retornar depois']) {
    await dispositions.getByRole('textbox', { name: 'New disposition' }).fill(name);
    await dispositions.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dispositions.getByRole('list', { name: 'Team dispositions' })).toContainText(name);
  }
  await dispositions.getByRole('checkbox', { name: 'Agents may also type a disposition that is not on the list' }).uncheck();
  await expect(dispositions.getByRole('status')).toHaveText('Dispositions saved.');

  const number = await webLine(page, sim);
  const call = await answerWebCall(page, sim, number);
  const disposition = call.live.getByRole('combobox', { name: 'Disposition' });
  // Only the team's list: no free text.
  await expect(disposition.getByRole('option')).toHaveText(['No disposition', 'Venda', 'Retornar depois']);
  await disposition.selectOption('Venda');
  await expect(call.live.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  expect(storedNotes(app.dataDir, call.callId)?.disposition).toBe('Venda');

  await call.live.getByRole('button', { name: 'Hang up' }).click();
  const ended = page.getByRole('region', { name: `Call with ${call.caller} ended` });
  await expect(ended.getByRole('combobox', { name: 'Disposition' })).toHaveValue('Venda');
  // After the call the agent adds a note on the same card.
  await ended.getByRole('textbox', { name: 'Call notes' }).fill('Pagamento no cartão');
  await expect(ended.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  await openSection(page, 'History');
  const row = page.getByRole('region', { name: 'Call log' }).getByRole('table', { name: 'Calls' }).getByRole('row').nth(1);
  await expect(row).toContainText('Venda · Pagamento no cartão');
  await row.getByRole('button', { name: /^Details of the call with/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Call with/ });
  await expect(dialog.getByRole('combobox', { name: 'Disposition' })).toHaveValue('Venda');
  await expect(dialog.getByLabel('Notes')).toHaveValue('Pagamento no cartão');
});
