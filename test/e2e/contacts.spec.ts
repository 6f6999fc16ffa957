import { expect, openSection, test } from './fixtures';
import { webLine } from './web-call';

/** A CSV as Excel on a Brazilian Windows saves it: semicolons, Windows-1252 (`ç`, `ã` as single bytes). */
const excelCsv = (text: string) => Buffer.from([...text].map((c) => c.charCodeAt(0)));

test('contacts imported from a CSV name the customer on the ringing call, the live call and in the history', async ({ page, sim, openApp }) => {
  await openApp({ args: ['--no-demo'] });
  const number = await webLine(page, sim);
  await openSection(page, 'Contacts');
  const contacts = page.getByRole('region', { name: 'Contacts' });
  await expect(contacts.getByRole('status').first()).toHaveText('No contacts yet. Add one, or import a CSV or vCard file.');

  await contacts.getByLabel('CSV or vCard file').setInputFiles({
    name: 'contatos.csv',
    mimeType: 'text/csv',
    buffer: excelCsv('Nome;Celular;Empresa;Observações\r\nMaria Conceição;(11) 98765-4321;Padaria São João;Prefere à tarde\r\nSem Número;;;\r\nJoão Prado;21 99887-7665;;\r\n'),
  });
  await expect(contacts.getByRole('status').filter({ hasText: 'contatos.csv:' })).toHaveText('contatos.csv: 2 new, 0 updated, 1 not imported.');
  await expect(contacts.getByRole('list', { name: 'Not imported' }).getByRole('listitem')).toHaveText(['Line 3: Sem Número has no phone number.']);
  const list = contacts.getByRole('list', { name: 'Contact list' });
  await expect(list.getByRole('listitem')).toHaveCount(2);

  // Searchable by a fragment of the name without accents, and by digits.
  await contacts.getByLabel('Search contacts').fill('conceicao');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText('Maria Conceição');
  await contacts.getByLabel('Search contacts').fill('99887');
  await expect(list.getByRole('listitem')).toHaveText([/João Prado/]);
  // Call opens the phone's dialer with the contact's number.
  await list.getByRole('button', { name: 'Call João Prado, +55 21 99887 7665' }).click();
  await expect(page.getByRole('region', { name: 'Place a call' }).getByLabel("Customer's number")).toHaveValue(/99887.?7665/);

  // WhatsApp reports the number as digits without the `+`: the customer's name shows on the ringing call.
  const call = sim.simulator.incomingCall({ numberId: number.id, from: '5511987654321' });
  const ringing = page.getByRole('region', { name: 'Incoming call from Maria Conceição, +55 11 98765 4321' });
  await expect(ringing).toBeVisible();
  await expect(ringing).toContainText('Maria Conceição');
  await ringing.getByRole('button', { name: 'Answer' }).click();
  const live = page.getByRole('region', { name: 'Call with Maria Conceição, +55 11 98765 4321' });
  await expect(live.getByRole('status').filter({ hasText: 'Audio connected' })).toBeVisible();
  await live.getByRole('button', { name: 'Hang up' }).click();
  await expect(page.getByRole('region', { name: 'Call with Maria Conceição, +55 11 98765 4321 ended' })).toBeVisible();

  // Recent names the customer too.
  await openSection(page, 'Recent');
  await expect(page.getByRole('region', { name: 'Recent calls' }).getByRole('listitem').first()).toContainText('Maria Conceição');

  await openSection(page, 'History');

  // The history row names the customer, and the history finds the call by the name.
  const history = page.getByRole('region', { name: 'Call log' });
  const row = history.getByRole('table', { name: 'Calls' }).getByRole('row').nth(1);
  await expect(row).toContainText('Maria Conceição');
  await history.getByLabel('Search calls').fill('conceicao');
  await expect(history.getByRole('table', { name: 'Calls' }).getByRole('row')).toHaveCount(2);
  await row.getByRole('button', { name: /^Details of the call with/ }).click();
  await expect(page.getByRole('dialog', { name: /^Call with/ }).getByLabel('Contact name')).toHaveValue('Maria Conceição');
  expect(sim.simulator.call(call.id)?.status).toBe('COMPLETED');
});

test('a contact is added, refused with a sentence when its number is not valid, edited and deleted', async ({ page, openApp }) => {
  await openApp({ args: ['--no-demo'] });
  await openSection(page, 'Contacts');
  const contacts = page.getByRole('region', { name: 'Contacts' });
  await contacts.getByRole('button', { name: 'Add contact' }).click();
  const form = contacts.getByRole('form', { name: 'Add a contact' });
  await form.getByLabel('Name').fill('Ana Lima');
  await form.getByRole('textbox', { name: /^Number/ }).fill('12 34');
  await form.getByRole('button', { name: 'Save contact' }).click();
  await expect(form.getByRole('alert')).toHaveText(/^That is not a valid phone number\. Include the area code/);
  // Nothing typed was lost: the number is fixed and saved.
  await expect(form.getByLabel('Name')).toHaveValue('Ana Lima');
  await form.getByRole('textbox', { name: /^Number/ }).fill('11912345678');
  await expect(form.getByRole('textbox', { name: /^Number/ })).toHaveValue('(11) 91234-5678');
  await form.getByRole('button', { name: 'Save contact' }).click();
  await expect(contacts.getByRole('status').filter({ hasText: 'added' })).toHaveText('Ana Lima added to the contacts.');

  await contacts.getByRole('button', { name: 'Edit Ana Lima' }).click();
  const edit = contacts.getByRole('form', { name: 'Edit Ana Lima' });
  await edit.getByLabel('Company').fill('Acme');
  await edit.getByRole('button', { name: 'Save contact' }).click();
  await expect(contacts.getByRole('list', { name: 'Contact list' })).toContainText('Acme');

  page.once('dialog', (dialog) => void dialog.accept());
  await contacts.getByRole('button', { name: 'Delete Ana Lima' }).click();
  await expect(contacts.getByRole('status').filter({ hasText: 'deleted' })).toHaveText('Ana Lima deleted.');
  await expect(contacts.getByRole('list', { name: 'Contact list' }).getByRole('listitem')).toHaveCount(0);
});
