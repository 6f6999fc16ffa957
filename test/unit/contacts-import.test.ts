import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCallLogDatabase, type CallLogDatabase } from '../../main/core/call-log/database';
import { importContacts, type ImportRequest } from '../../main/core/contacts/contacts-import';
import { ContactsRepository } from '../../main/core/contacts/contacts-repository';
import type { ContactNameChange } from '../../main/core/domain-events';
import { tempDir } from '../support/temp-dir';

let dir: ReturnType<typeof tempDir>;
let db: CallLogDatabase;
let repository: ContactsRepository;
let changes: ContactNameChange[];

beforeEach(() => {
  dir = tempDir();
  db = openCallLogDatabase(join(dir.path, 'log.sqlite'));
  repository = new ContactsRepository(db);
  changes = [];
});
afterEach(() => {
  db.close();
  dir.remove();
});

const run = (text: string | Uint8Array, options: Partial<ImportRequest> = {}) =>
  importContacts(
    { fileName: 'contatos.csv', existing: 'skip', ...options, bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text },
    { repository, now: () => Date.parse('2026-11-20T12:00:00Z'), changed: (batch) => changes.push(...batch) },
  );

/** Windows-1252 bytes of a Latin-1 text, as Excel on a Portuguese Windows saves "CSV". */
const cp1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('contacts import', () => {
  it('imports an Excel CSV from a Brazilian Windows (semicolons, Windows-1252), every number a contact', async () => {
    const file = cp1252('Nome;Empresa;Celular;Telefone;Observações\r\nJosé Conceição;Padaria São João;(11) 98765-4321;(11) 3333-4444;Cliente desde 2019\r\n');
    const report = await run(file);
    expect(report).toMatchObject({ format: 'csv', encoding: 'windows-1252', rows: 1, added: 2, updated: 0, problems: [] });
    expect(repository.search('', 10).contacts.map(({ name, number, company, note }) => ({ name, number, company, note }))).toEqual([
      { name: 'José Conceição', number: '+5511987654321', company: 'Padaria São João', note: 'Cliente desde 2019' },
      { name: 'José Conceição', number: '+551133334444', company: 'Padaria São João', note: 'Cliente desde 2019' },
    ]);
    expect(changes.map((c) => c.numbers)).toEqual([['+5511987654321', '+551187654321'], ['+551133334444']]);
  });

  it('gives each bad row one sentence with its line, and imports every other row', async () => {
    const file = [
      'Name,Phone,Company,Notes',
      'Ana Lima,(11) 98765-4321,Acme,',
      ',(11) 91111-2222,,',
      'Bruno,,,',
      'Carla,not a number,,',
      '"Dani, the ""boss""",(21) 99887-7665,,"two\nlines"',
      'Eva,11 98765-4321,,',
      '"Fabio,11 97777-6666,,',
      'Gil,(31) 98888-7777,,',
    ].join('\n');
    const report = await run(file);
    expect(report.added).toBe(3);
    expect(report.problems).toEqual([
      { line: 3, code: 'CONTACT_NAME_MISSING' },
      { line: 4, code: 'CONTACT_NUMBER_MISSING', details: { name: 'Bruno' } },
      { line: 5, code: 'CONTACT_NUMBER_INVALID', details: { value: 'not a number', name: 'Carla' } },
      { line: 8, code: 'CONTACT_DUPLICATE_IN_FILE', details: { number: '+5511987654321', first: 2 } },
      { line: 9, code: 'CSV_UNCLOSED_QUOTE' },
    ]);
    expect(repository.search('', 10).contacts.map((c) => c.name)).toEqual(['Ana Lima', 'Dani, the "boss"', 'Gil']);
    expect(repository.search('dani', 10).contacts[0]?.note).toBe('two\nlines');
  });

  it('keeps contacts already there unless asked to update them, and says so per row', async () => {
    await run('Nome;Celular\nMaria;11 98765-4321');
    const kept = await run('Nome;Celular;Empresa\nMaria Souza;+55 11 8765-4321;Acme');
    expect(kept).toMatchObject({ added: 0, updated: 0, problems: [{ line: 2, code: 'CONTACT_ALREADY_THERE', details: { number: '+551187654321', name: 'Maria' } }] });
    const updated = await run('Nome;Celular;Empresa\nMaria Souza;+55 11 8765-4321;Acme', { existing: 'update' });
    expect(updated).toMatchObject({ added: 0, updated: 1, problems: [] });
    expect(repository.search('', 10).contacts).toMatchObject([{ name: 'Maria Souza', number: '+551187654321', company: 'Acme' }]);
    expect(changes.at(-1)).toEqual({ numbers: ['+551187654321', '+5511987654321'], name: 'Maria Souza', previousName: 'Maria' });
  });

  it('reads Google Contacts CSV (first and last names, several numbers in one cell) and vCard by its content', async () => {
    const google = 'First Name,Last Name,Organization Name,Phone 1 - Label,Phone 1 - Value\nAna,Prado,Acme,Mobile,+55 11 98765-4321 ::: +55 11 3333-4444\n';
    expect(await run(google)).toMatchObject({ added: 2, problems: [] });
    const vcard = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Beto\r\nTEL;TYPE=CELL:21 99887-7665\r\nEND:VCARD\r\n';
    expect(await run(vcard, { fileName: 'export.txt' })).toMatchObject({ format: 'vcard', added: 1, problems: [] });
    expect(repository.search('', 10).contacts.map((c) => `${c.name} ${c.number}`)).toEqual(['Ana Prado +5511987654321', 'Ana Prado +551133334444', 'Beto +5521998877665']);
  });

  it('refuses a file whose first row names no number column, with the columns it found', async () => {
    expect(await run('Maria;11 98765-4321\nJoão;21 99887-7665')).toMatchObject({
      added: 0,
      problems: [{ line: 1, code: 'CSV_NO_NUMBER_COLUMN', details: { columns: 'Maria, 11 98765-4321' } }],
    });
  });

  it('loses nothing: whatever rows a file has, each one is a contact per number or has a problem on its line', async () => {
    const cell = fc.constantFrom('Ana', 'Zé Maria', '', ' ', 'x;y', '"q"', 'ç\nç');
    const number = fc.constantFrom('(11) 98765-4321', '21 9', '', '+55 31 98888-7777', '5511912345678', 'abc', '(41) 3333-4444');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, number, cell), { maxLength: 30 }), async (rows) => {
        db.exec('DELETE FROM contacts');
        const text = stringify([['Nome', 'Celular', 'Empresa'], ...rows], { delimiter: ';' });
        const report = await run(text);
        // The line each row starts on (a quoted cell may hold line breaks).
        const starts: number[] = [];
        let line = 2;
        for (const row of rows) {
          starts.push(line);
          line += (stringify([row], { delimiter: ';' }).match(/\n/g) ?? []).length;
        }
        // One number column: every row is exactly one contact or exactly one problem on its own line.
        expect(report.rows).toBe(rows.length);
        expect(report.added + report.problems.length).toBe(rows.length);
        expect(new Set(report.problems.map((p) => p.line)).size).toBe(report.problems.length);
        for (const problem of report.problems) expect(starts).toContain(problem.line);
        expect(repository.search('', 500).total).toBe(report.added);
      }),
      { numRuns: 150 },
    );
  });
});
