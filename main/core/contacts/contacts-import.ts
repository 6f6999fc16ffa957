import { setImmediate as nextTurn } from 'node:timers/promises';
import { contactFieldLimits, type ContactImportProblem, type ContactImportReport } from '../../../preload/contract';
import type { ContactNameChange } from '../domain-events';
import { parseContactNumber, numberMatchKey, numberVariants } from './contact-number';
import { csvDrafts, isDraft, vcardDrafts, type ContactDraft } from './contact-drafts';
import type { ContactFields, ContactsRepository } from './contacts-repository';
import { decodeFileText } from './file-text';
import { looksLikeVcard } from './vcard-reader';

export interface ImportRequest {
  fileName: string;
  bytes: Uint8Array;
  existing: 'skip' | 'update';
}

export interface ImportDeps {
  repository: ContactsRepository;
  now: () => number;
  /** Told once per batch written, so names on calls follow without waiting for the whole file. */
  changed: (changes: ContactNameChange[]) => void;
}

/** Problems listed in full; past this many only their count is kept. */
export const listedProblems = 200;
/**
 * How long one batch may hold the event loop. A web-number call's audio is relayed on it in 20 ms frames, so an
 * import never holds it much longer than a frame; rows are written in one transaction per batch
 * (test/bench/contacts.bench.ts, `contacts.import_batch_ms`).
 */
export const batchBudgetMs = 10;

type Outcome = { kind: 'added' | 'updated'; change: ContactNameChange } | { kind: 'problem'; problem: ContactImportProblem };

/** The fields of a draft, or the first reason it cannot be a contact. */
const fieldsOf = (draft: ContactDraft): Omit<ContactFields, 'number'> | ContactImportProblem => {
  const name = (draft.name.trim() || draft.company.trim()).replace(/\s+/g, ' ');
  const company = draft.company.trim();
  const note = draft.note.trim();
  if (!name) return { line: draft.line, code: 'CONTACT_NAME_MISSING' };
  for (const [field, value] of [['name', name], ['company', company], ['note', note]] as const) {
    if ([...value].length > contactFieldLimits[field]) return { line: draft.line, code: 'CONTACT_FIELD_TOO_LONG', details: { field, max: contactFieldLimits[field] } };
  }
  if (draft.numbers.length === 0) return { line: draft.line, code: 'CONTACT_NUMBER_MISSING', details: { name } };
  return { name, company, note };
};

/**
 * Imports a CSV or vCard file into the contacts. Each number of a row or
 * card becomes a contact of that name. A row that cannot be read, has no
 * name or no valid number, repeats a number seen earlier in the file, or
 * names a number that is already a contact (unless asked to update) gets one
 * problem with its line; every other row is imported.
 */
export const importContacts = async (request: ImportRequest, deps: ImportDeps): Promise<ContactImportReport> => {
  const { text, encoding } = decodeFileText(request.bytes);
  const format = /\.vcf$/i.test(request.fileName) || looksLikeVcard(text) ? 'vcard' : 'csv';
  const items = format === 'vcard' ? vcardDrafts(text) : csvDrafts(text);
  const report: ContactImportReport = { format, encoding, rows: 0, added: 0, updated: 0, problems: [], moreProblems: 0 };
  const problem = (found: ContactImportProblem) => {
    if (report.problems.length < listedProblems) report.problems.push(found);
    else report.moreProblems++;
  };
  const firstLineOf = new Map<string, number>();

  const importDraft = (draft: ContactDraft): Outcome[] => {
    const fields = fieldsOf(draft);
    if ('code' in fields) return [{ kind: 'problem', problem: fields }];
    return draft.numbers.map((written): Outcome => {
      const number = parseContactNumber(written);
      if (!number) return { kind: 'problem', problem: { line: draft.line, code: 'CONTACT_NUMBER_INVALID', details: { value: written.slice(0, 40), name: fields.name } } };
      const key = numberMatchKey(number);
      const first = firstLineOf.get(key);
      if (first !== undefined) return { kind: 'problem', problem: { line: draft.line, code: 'CONTACT_DUPLICATE_IN_FILE', details: { number, first } } };
      firstLineOf.set(key, draft.line);
      const existing = deps.repository.withNumber(number);
      if (existing && request.existing === 'skip') {
        return { kind: 'problem', problem: { line: draft.line, code: 'CONTACT_ALREADY_THERE', details: { number, name: existing.name } } };
      }
      const saved = existing ? deps.repository.update(existing.id, { ...fields, number }, deps.now()) : deps.repository.insert({ ...fields, number }, deps.now());
      return {
        kind: existing ? 'updated' : 'added',
        change: { numbers: numberVariants(saved.number), name: saved.name, previousName: existing?.name ?? null },
      };
    });
  };

  // The file is read as it is written: a slice per turn of the event loop, each slice one transaction.
  let step = items.next();
  for (let turn = 0; !step.done; turn++) {
    if (turn > 0) await nextTurn();
    const started = performance.now();
    const outcomes = deps.repository.transaction(() => {
      const done: Outcome[] = [];
      while (!step.done) {
        const item = step.value;
        done.push(...(isDraft(item) ? importDraft(item) : [{ kind: 'problem', problem: item } as const]));
        step = items.next();
        if (performance.now() - started >= batchBudgetMs) break;
      }
      return done;
    });
    const changes: ContactNameChange[] = [];
    for (const outcome of outcomes) {
      if (outcome.kind === 'problem') problem(outcome.problem);
      else {
        report[outcome.kind]++;
        changes.push(outcome.change);
      }
    }
    if (changes.length > 0) deps.changed(changes);
  }
  report.rows = step.value;
  report.problems.sort((a, b) => a.line - b.line);
  return report;
};
