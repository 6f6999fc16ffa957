import { z } from 'zod';
import { contactImportMaxBytes } from './constants';
import { command, type Ack } from './define';

/** A person or company the agents call, with one number (a second number is a second contact of the same name). */
export interface ContactView {
  id: number;
  name: string;
  /** E.164. */
  number: string;
  company: string;
  note: string;
  /** ISO times. */
  createdAt: string;
  updatedAt: string;
}

export interface ContactPage {
  contacts: ContactView[];
  /** How many contacts match in all (the page holds at most `limit`). */
  total: number;
}

/** A row or card of an imported file that did not become a contact: the line it starts on, and why (`contacts.problem.<code>`). */
export interface ContactImportProblem {
  line: number;
  code: string;
  details?: Record<string, string | number>;
}

export interface ContactImportReport {
  format: 'csv' | 'vcard';
  /** How the file's bytes were read (`utf-8`, `windows-1252`, ...). */
  encoding: string;
  /** Rows (CSV, header not counted) or cards (vCard) read. */
  rows: number;
  added: number;
  /** Contacts whose number was already there and which the file updated (only when asked to). */
  updated: number;
  /** Every problem up to the first 200, each with its line. */
  problems: ContactImportProblem[];
  /** Problems beyond those listed. */
  moreProblems: number;
}

export const contactFieldLimits = { name: 120, company: 120, note: 2000 } as const;

const contactFields = {
  name: z.string().trim().min(1, 'CONTACT_NAME_REQUIRED').max(contactFieldLimits.name, 'CONTACT_NAME_TOO_LONG'),
  /** As the agent typed it; the main side parses it (Brazil when no country code). */
  number: z.string().trim().min(1, 'CONTACT_NUMBER_REQUIRED').max(40, 'CONTACT_NUMBER_INVALID'),
  company: z.string().trim().max(contactFieldLimits.company, 'CONTACT_COMPANY_TOO_LONG'),
  note: z.string().trim().max(contactFieldLimits.note, 'CONTACT_NOTE_TOO_LONG'),
};

const contactId = z.number().int().positive();

export const contactCommands = {
  /** Contacts whose name, company or number digits contain every word typed (any word of 1-2 letters as a word start); all when empty. */
  'contacts.search': command(
    z.object({ query: z.string().max(100, 'SEARCH_TOO_LONG').default(''), limit: z.number().int().min(1).max(500).default(100) }).strict(),
  ).returns<ContactPage>(),
  'contacts.add': command(
    z.object({ name: contactFields.name, number: contactFields.number, company: contactFields.company.default(''), note: contactFields.note.default('') }).strict(),
  ).returns<ContactView>(),
  'contacts.update': command(
    z
      .object({ id: contactId, name: contactFields.name.optional(), number: contactFields.number.optional(), company: contactFields.company.optional(), note: contactFields.note.optional() })
      .strict(),
  ).returns<ContactView>(),
  'contacts.remove': command(z.object({ id: contactId }).strict()).returns<Ack>(),
  /** A CSV or vCard file as the agent picked it; its bytes are read (and their encoding found) on the main side. */
  'contacts.import': command(
    z
      .object({
        fileName: z.string().max(260),
        /** The file's bytes, base64. */
        data: z.base64('IMPORT_FILE_UNREADABLE').max(Math.ceil(contactImportMaxBytes / 3) * 4, 'IMPORT_FILE_TOO_LARGE'),
        /** A row whose number is already a contact: leave the contact as it is (`skip`) or take the file's name, company and note (`update`). */
        existing: z.enum(['skip', 'update']).default('skip'),
      })
      .strict(),
  ).returns<ContactImportReport>(),
};

export interface ContactEvents {
  /** Contacts were added, edited, removed or imported: lists showing them reload. */
  'contacts.changed': { count: number };
}
