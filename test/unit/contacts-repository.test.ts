import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCallLogDatabase, type CallLogDatabase } from '../../main/core/call-log/database';
import { contactSearchWhere, ContactsRepository } from '../../main/core/contacts/contacts-repository';
import { tempDir } from '../support/temp-dir';

let dir: ReturnType<typeof tempDir>;
let db: CallLogDatabase;
let repository: ContactsRepository;

const people = [
  { name: 'Maria da Conceição', number: '+5511987654321', company: 'Padaria São João', note: '' },
  { name: 'João Marques', number: '+5521998877665', company: 'Acme Ltda', note: 'VIP' },
  { name: 'Ana Souza', number: '+551133334444', company: 'Mercado Martins', note: '' },
  { name: 'Zeca', number: '+14155550123', company: '', note: '' },
];

beforeEach(() => {
  dir = tempDir();
  db = openCallLogDatabase(join(dir.path, 'log.sqlite'));
  repository = new ContactsRepository(db);
  for (const person of people) repository.insert(person, 1);
});
afterEach(() => {
  db.close();
  dir.remove();
});

const names = (query: string) => repository.search(query, 50).contacts.map((c) => c.name);

describe('contacts repository', () => {
  it('finds contacts by any fragment of name or company, accents and case ignored, by name order', () => {
    expect(names('')).toEqual(['Ana Souza', 'João Marques', 'Maria da Conceição', 'Zeca']);
    expect(names('conceicao')).toEqual(['Maria da Conceição']);
    expect(names('MAR')).toEqual(['Ana Souza', 'João Marques', 'Maria da Conceição']);
    expect(names('joao')).toEqual(['João Marques', 'Maria da Conceição']);
    expect(names('arq')).toEqual(['João Marques']);
    expect(names('mar acme')).toEqual(['João Marques']);
    expect(names('nobody')).toEqual([]);
  });

  it('finds short words (1-2 letters) as the start of a word, and numbers by any run of digits', () => {
    expect(names('ze')).toEqual(['Zeca']);
    expect(names('s')).toEqual(['Ana Souza', 'Maria da Conceição']);
    expect(names('da')).toEqual(['Maria da Conceição']);
    expect(names('98765')).toEqual(['Maria da Conceição']);
    expect(names('(11) 98765-4321')).toEqual(['Maria da Conceição']);
    expect(names('+55 21')).toEqual(['João Marques']);
    expect(names('0123')).toEqual(['Zeca']);
    expect(names('4444 ana')).toEqual(['Ana Souza']);
  });

  it('takes anything typed as text, never as search syntax', () => {
    for (const query of ['"', 'a"b', 'NEAR(', '*', 'x OR y', '%', '_', '\\', '{name}: a', "'; DROP TABLE contacts; --"]) {
      expect(() => repository.search(query, 10), query).not.toThrow();
    }
    expect(names('%')).toEqual([]);
    expect(repository.search('', 500).total).toBe(4);
  });

  it('counts every match while returning a page', () => {
    expect(repository.search('m', 2)).toMatchObject({ total: 3, contacts: [{ name: 'Ana Souza' }, { name: 'João Marques' }] });
  });

  it('looks a number up in either form of a Brazilian mobile, and refuses a second contact for one number', () => {
    expect(repository.withNumber('+551187654321')?.name).toBe('Maria da Conceição');
    expect(repository.withNumber('+5511987654321')?.name).toBe('Maria da Conceição');
    expect(repository.withNumber('+551133334444')?.name).toBe('Ana Souza');
    expect(repository.withNumber('+5511933334444')).toBeNull();
    expect(() => repository.insert({ name: 'Other', number: '+551187654321', company: '', note: '' }, 2)).toThrow(/UNIQUE/);
  });

  it('searches through the trigram index for 3+ characters and a name-ordered walk for short words', () => {
    const plan = (query: string) => {
      const where = contactSearchWhere(query);
      return (db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM contacts ${where.sql} ORDER BY name COLLATE NOCASE, id LIMIT 50`).all(where.params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    };
    expect(plan('conceicao')).toMatch(/VIRTUAL TABLE INDEX/);
    expect(plan('ze')).toMatch(/contacts_by_name/);
  });
});
