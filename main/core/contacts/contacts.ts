import type { ContactView } from '../../../preload/contract';
import type { Clock } from '../clock';
import type { Handlers } from '../commands/dispatcher';
import type { ContactNameChange, DomainEvents } from '../domain-events';
import { AppFailure } from '../errors';
import type { Logger } from '../logging/logger';
import type { EventSink } from '../ports';
import { numberVariants, parseContactNumber } from './contact-number';
import { importContacts } from './contacts-import';
import type { ContactFields, ContactsRepository } from './contacts-repository';

export interface ContactsDeps {
  repository: ContactsRepository;
  clock: Clock;
  /** Where name changes are published: calls on screen and the call log follow them. */
  events: DomainEvents;
  /** The window: told that contacts changed, so lists reload. */
  emit: EventSink;
  logger: Logger;
}

type ContactCommand = 'contacts.search' | 'contacts.add' | 'contacts.update' | 'contacts.remove' | 'contacts.import';

/**
 * The agents' contacts: a name, company and note per number, kept in the
 * profile. Every change is published as `contacts.changed`, so the name of
 * a customer on screen, in notifications and in the call log follows at
 * once. `nameFor` is the lookup every call's name comes from.
 */
export class Contacts {
  constructor(private readonly deps: ContactsDeps) {}

  /** The name of the contact with this number (either form of a Brazilian mobile), or null. */
  readonly nameFor = (number: string): string | null => this.deps.repository.withNumber(number)?.name ?? null;

  handlers(): Handlers<ContactCommand> {
    const { repository } = this.deps;
    return {
      'contacts.search': ({ query, limit }) => repository.search(query, limit),
      'contacts.add': (fields) => this.save(null, fields),
      'contacts.update': ({ id, ...patch }) => {
        const current = repository.get(id);
        if (!current) throw new AppFailure('CONTACT_NOT_FOUND', 'That contact was removed.');
        return this.save(current, { ...current, ...patch });
      },
      'contacts.remove': ({ id }) => {
        const current = repository.get(id);
        if (!current || !repository.remove(id)) throw new AppFailure('CONTACT_NOT_FOUND', 'That contact was removed.');
        this.changed([{ numbers: numberVariants(current.number), name: null, previousName: current.name }]);
        return { ok: true };
      },
      'contacts.import': async ({ fileName, data, existing }) => {
        const bytes = Buffer.from(data, 'base64');
        const report = await importContacts({ fileName, bytes, existing }, { repository, now: () => this.deps.clock.now(), changed: (changes) => this.publish(changes) });
        this.deps.logger.info({ format: report.format, encoding: report.encoding, rows: report.rows, added: report.added, updated: report.updated, problems: report.problems.length + report.moreProblems }, 'contacts imported');
        if (report.added + report.updated > 0) this.deps.emit('contacts.changed', { count: report.added + report.updated });
        return report;
      },
    };
  }

  /** Adds (no `current`) or edits a contact; its number parsed (Brazil when no country code) and unique. */
  private save(current: ContactView | null, fields: Omit<ContactFields, 'number'> & { number: string }): ContactView {
    const number = parseContactNumber(fields.number);
    if (!number) throw new AppFailure('CONTACT_NUMBER_INVALID', 'That is not a valid phone number.', { value: fields.number.slice(0, 40) });
    const owner = this.deps.repository.withNumber(number);
    if (owner && owner.id !== current?.id) throw new AppFailure('CONTACT_NUMBER_TAKEN', 'Another contact has that number.', { name: owner.name });
    const clean = { name: fields.name.trim(), number, company: fields.company.trim(), note: fields.note.trim() };
    const saved = current ? this.deps.repository.update(current.id, clean, this.deps.clock.now()) : this.deps.repository.insert(clean, this.deps.clock.now());
    const changes: ContactNameChange[] = [{ numbers: numberVariants(saved.number), name: saved.name, previousName: current?.name ?? null }];
    // A number changed: calls from the old one are no longer this contact's.
    if (current && current.number !== saved.number) changes.push({ numbers: numberVariants(current.number), name: null, previousName: current.name });
    this.changed(changes);
    return saved;
  }

  private changed(changes: ContactNameChange[]): void {
    this.publish(changes);
    this.deps.emit('contacts.changed', { count: changes.length });
  }

  private publish(changes: ContactNameChange[]): void {
    this.deps.events.publish('contacts.changed', { changes });
  }
}
