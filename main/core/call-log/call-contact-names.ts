import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ContactNameChange, DomainEvents } from '../domain-events';
import type { Logger } from '../logging/logger';
import type { CallLogDatabase } from './database';

/** Rows the window is told about one by one; past this the history shows them when it next loads. */
const toldRows = 100;
/** How long one turn of naming calls may hold the event loop (each named call also updates the search index). */
export const namingBudgetMs = 10;

interface Naming {
  number: string;
  name: string;
  previous: string | null;
}

/**
 * How contact names reach calls already in the log. The log keeps the name
 * a call had: a contact added (or imported) names the calls from its number
 * that had none; a contact renamed renames the calls that carried its old
 * name; a contact removed leaves its calls named, as a record of who called.
 * A name typed on one call in the history (a different one) is never
 * overwritten. Each number is an index lookup (`calls_by_peer`), no scan.
 *
 * Naming runs in turns of at most {@link namingBudgetMs}: a contact saved
 * names its calls at once; an import of thousands goes on over the next
 * turns of the event loop, which a web-number call's audio shares.
 */
export class CallContactNames {
  private readonly nameCalls;
  private readonly queue: Naming[] = [];
  private draining: Promise<void> | null = null;
  private toldSoFar = 0;

  constructor(
    private readonly db: CallLogDatabase,
    events: DomainEvents,
    private readonly told: (callId: string) => void,
    private readonly logger: Logger,
  ) {
    this.nameCalls = db.prepare<Naming, { id: string }>(`
      UPDATE calls SET contact_name = @name
      WHERE peer_number = @number AND (contact_name IS NULL OR contact_name = @previous) AND contact_name IS NOT @name
      RETURNING id`);
    events.on('contacts.changed', ({ changes }) => this.follow(changes));
  }

  /** Resolves once every change so far has reached the calls (tests and benchmarks wait on it). */
  settled(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  private follow(changes: readonly ContactNameChange[]): void {
    for (const { numbers, name, previousName } of changes) {
      if (name !== null) for (const number of numbers) this.queue.push({ number, name, previous: previousName });
    }
    if (this.queue.length === 0) return;
    this.runTurn();
    if (this.queue.length > 0 && !this.draining) this.draining = this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      await nextTurn();
      this.runTurn();
    }
    this.draining = null;
    if (this.toldSoFar > 0) this.logger.info({ calls: this.toldSoFar }, 'calls named after their contacts');
    this.toldSoFar = 0;
  }

  /** Names calls for queued numbers, in one transaction, until the turn's budget is spent. */
  private runTurn(): void {
    // A change published while the drain waited for its turn may have named everything already.
    if (this.queue.length === 0) return;
    const started = performance.now();
    const renamed: string[] = [];
    this.db.transaction(() => {
      for (let naming = this.queue.shift(); naming; naming = performance.now() - started < namingBudgetMs ? this.queue.shift() : undefined) {
        renamed.push(...this.nameCalls.all(naming).map((row) => row.id));
      }
    })();
    for (const callId of renamed) if (this.toldSoFar++ < toldRows) this.told(callId);
    if (!this.draining && this.toldSoFar > 0) {
      this.logger.info({ calls: this.toldSoFar }, 'calls named after their contacts');
      this.toldSoFar = 0;
    }
  }
}
