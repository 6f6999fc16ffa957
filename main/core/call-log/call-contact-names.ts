import type { ContactNameChange, DomainEvents } from '../domain-events';
import type { Logger } from '../logging/logger';
import type { CallLogDatabase } from './database';

/** Rows the window is told about one by one after a change; past this the history shows them when it next loads. */
const toldRowsPerChange = 100;

/**
 * How contact names reach calls already in the log. The log keeps the name
 * a call had: a contact added (or imported) names the calls from its number
 * that had none; a contact renamed renames the calls that carried its old
 * name; a contact removed leaves its calls named, as a record of who called.
 * A name typed on one call in the history (a different one) is never
 * overwritten. Each change is an index lookup per number form
 * (`calls_by_peer`), so importing thousands of contacts costs no scan.
 */
export class CallContactNames {
  private readonly nameCalls;

  constructor(
    private readonly db: CallLogDatabase,
    events: DomainEvents,
    private readonly told: (callId: string) => void,
    private readonly logger: Logger,
  ) {
    this.nameCalls = db.prepare<{ number: string; name: string; previous: string | null }, { id: string }>(`
      UPDATE calls SET contact_name = @name
      WHERE peer_number = @number AND (contact_name IS NULL OR contact_name = @previous) AND contact_name IS NOT @name
      RETURNING id`);
    events.on('contacts.changed', ({ changes }) => this.follow(changes));
  }

  private follow(changes: readonly ContactNameChange[]): void {
    const renamed: string[] = [];
    this.db.transaction(() => {
      for (const { numbers, name, previousName } of changes) {
        if (name === null) continue;
        for (const number of numbers) renamed.push(...this.nameCalls.all({ number, name, previous: previousName }).map((row) => row.id));
      }
    })();
    if (renamed.length > 0) this.logger.info({ calls: renamed.length, contacts: changes.length }, 'calls named after their contacts');
    for (const callId of renamed.slice(0, toldRowsPerChange)) this.told(callId);
  }
}
