import { csvRecords } from './csv-reader';
import { vcards, type VcardTel } from './vcard-reader';

/** One person or company from an imported file, before its numbers are checked. */
export interface ContactDraft {
  /** Where it starts in the file (1-based), for the sentence about it. */
  line: number;
  name: string;
  company: string;
  note: string;
  /** The numbers as written, best first (mobile and WhatsApp before others). */
  numbers: string[];
}

/** A row or card that could not become a contact, and why (an i18n code under `contacts.problem.*`). */
export interface DraftProblem {
  line: number;
  code: string;
  details?: Record<string, string | number>;
}

/**
 * The drafts and problems of a file, in the file's order, read as they are
 * asked for; the generator's return value is how many rows (CSV, header not
 * counted) or cards (vCard) it read.
 */
export type DraftItems = Generator<ContactDraft | DraftProblem, number>;

export const isDraft = (item: ContactDraft | DraftProblem): item is ContactDraft => 'numbers' in item;

/** Header text as compared: lower case, no accents, words separated by one space. */
export const headerKey = (header: string): string =>
  header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

type Role = 'name' | 'first' | 'middle' | 'last' | 'company' | 'note' | 'whatsapp' | 'mobile' | 'phone';

/** Column names of CSV exports (Google Contacts, Outlook, CRMs, hand-made sheets in pt-BR, es, en), by what the column holds. */
const aliases: Record<Role, string[]> = {
  name: ['name', 'full name', 'display name', 'contact', 'contact name', 'nome', 'nome completo', 'contato', 'cliente', 'nombre', 'nombre completo', 'contacto'],
  first: ['first name', 'given name', 'primeiro nome', 'nome proprio', 'nombre de pila'],
  middle: ['middle name', 'additional name', 'nome do meio', 'segundo nombre'],
  last: ['last name', 'family name', 'surname', 'sobrenome', 'ultimo nome', 'apellido', 'apellidos'],
  company: ['company', 'organization', 'organisation', 'organization name', 'organization 1 name', 'empresa', 'companhia', 'compania', 'organizacion', 'organizacao'],
  note: ['note', 'notes', 'nota', 'notas', 'observacao', 'observacoes', 'obs', 'comentario', 'comentarios', 'observaciones'],
  whatsapp: ['whatsapp', 'whatsapp number', 'numero whatsapp', 'numero de whatsapp', 'zap'],
  mobile: ['mobile', 'mobile phone', 'cell', 'cell phone', 'cellphone', 'celular', 'telefone celular', 'movil', 'telefono movil'],
  phone: [
    'phone', 'phone number', 'telephone', 'tel', 'number', 'primary phone', 'business phone', 'home phone', 'work phone', 'other phone',
    'phone 1 value', 'phone 2 value', 'phone 3 value', 'telefone', 'numero', 'fone', 'telefono', 'numero de telefono',
  ],
};

const roleOf = new Map<string, Role>(Object.entries(aliases).flatMap(([role, names]) => names.map((name) => [name, role as Role])));
/** Numbers in the order a contact's main number is chosen. */
const numberRoles: Role[] = ['whatsapp', 'mobile', 'phone'];

/** Google Contacts writes several values in one cell, separated by ` ::: `. */
const splitValues = (cell: string): string[] => cell.split(/\s*:::\s*/).map((v) => v.trim()).filter(Boolean);

/**
 * Contact drafts from a CSV text whose first row names the columns (names
 * in English, Portuguese or Spanish; see `aliases`). A file without a
 * recognisable number column is one problem on line 1: nothing in it can
 * be told apart from anything else.
 */
export function* csvDrafts(text: string): DraftItems {
  const records = csvRecords(text);
  const first = records.next();
  const header = first.done ? undefined : first.value;
  if (!header || !('fields' in header)) {
    yield { line: header?.line ?? 1, code: header ? header.problem : 'FILE_EMPTY' };
    return 0;
  }
  const columns = new Map<Role, number[]>();
  header.fields.forEach((field, index) => {
    const role = roleOf.get(headerKey(field));
    if (role) columns.set(role, [...(columns.get(role) ?? []), index]);
  });
  if (!numberRoles.some((role) => columns.has(role))) {
    yield { line: header.line, code: 'CSV_NO_NUMBER_COLUMN', details: { columns: header.fields.slice(0, 8).join(', ') } };
    return [...records].length;
  }
  let rows = 0;
  for (const record of records) {
    rows++;
    if (!('fields' in record)) {
      yield { line: record.line, code: record.problem };
      continue;
    }
    const cell = (role: Role): string[] => (columns.get(role) ?? []).map((index) => (record.fields[index] ?? '').trim()).filter(Boolean);
    const first = (role: Role) => cell(role)[0] ?? '';
    yield {
      line: record.line,
      name: first('name') || [first('first'), first('middle'), first('last')].filter(Boolean).join(' '),
      company: first('company'),
      note: cell('note').join('\n'),
      numbers: numberRoles.flatMap((role) => cell(role).flatMap(splitValues)),
    };
  }
  return rows;
}

/** Mobile and WhatsApp numbers first: they are the ones that call on WhatsApp. */
const telRank = (tel: VcardTel): number => (tel.types.some((t) => t === 'cell' || t === 'mobile' || t === 'iphone' || t.includes('whatsapp')) ? 0 : 1);

/** Contact drafts from a vCard text: one per card (every TEL of it, mobile first), in the file's order. */
export function* vcardDrafts(text: string): DraftItems {
  let cards = 0;
  for (const card of vcards(text)) {
    cards++;
    if ('problem' in card) {
      yield { line: card.line, code: card.problem, ...(card.detail ? { details: { detail: card.detail } } : {}) };
      continue;
    }
    const tels = [...card.tels].sort((a, b) => telRank(a) - telRank(b));
    yield { line: card.line, name: card.name ?? '', company: card.company ?? '', note: card.note ?? '', numbers: tels.map((t) => t.value).filter(Boolean) };
  }
  if (cards === 0) yield { line: 1, code: 'FILE_EMPTY' };
  return cards;
}
