import type { CallNotesView } from '../../../preload/contract';
import { isoTime, type Clock } from '../clock';
import type { DomainEvents } from '../domain-events';
import { AppFailure } from '../errors';
import type { DispositionCheck } from '../settings/dispositions';
import type { HistoryRepository } from './history-repository';

export interface LiveCallNotesDeps {
  repository: HistoryRepository;
  events: DomainEvents;
  clock: Clock;
  /** Whether the call is on screen (followed by the call service), logged or not yet. */
  isOnScreen: (callId: string) => boolean;
  checkDisposition: DispositionCheck;
  /** A saved call changed: the window's history rows reread it. */
  saved: (logId: string) => void;
}

interface Held {
  notes?: string;
  disposition?: string | null;
}

/** How many window ids of dialed calls are remembered against their log ids (a shift's calls, many times over). */
const rememberedIds = 500;

/**
 * The notes and disposition of a call on screen, saved as the agent types.
 * The window knows a call by its own id; a dialed call is logged under the
 * id Pilot Status gives it, learned from the call's published changes. Until
 * a call has a row (a dialed call Pilot Status has not created yet, for a
 * second or so), what was typed is held here and written with its first row.
 *
 * Each save is one small transaction, committed before the answer: once the
 * window shows "saved", killing the app loses nothing. Saves of the notes
 * alone are not written to the call's timeline (typing would flood it); a
 * disposition change is.
 */
export class LiveCallNotes {
  private readonly logIdOf = new Map<string, string>();
  private readonly held = new Map<string, Held>();

  constructor(private readonly deps: LiveCallNotesDeps) {
    // Subscribed after the call log, so the row exists when held notes are written to it.
    deps.events.on('call.transitioned', ({ view, record }) => {
      if (!record) return;
      if (view.id !== record.id) this.remember(view.id, record.id);
      const held = this.held.get(view.id);
      if (held) {
        this.held.delete(view.id);
        this.write(record.id, held);
      }
    });
  }

  get(callId: string): CallNotesView {
    const logId = this.logIdOf.get(callId) ?? callId;
    const row = this.deps.repository.notesOf(logId);
    if (row) return this.view(callId, row, 'saved');
    if (!this.deps.isOnScreen(callId)) throw new AppFailure('CALL_NOT_FOUND', 'That call is not in the call log.');
    const held = this.held.get(callId) ?? {};
    return this.view(callId, { notes: held.notes ?? '', disposition: held.disposition ?? null }, 'held');
  }

  save(callId: string, edit: Held): CallNotesView {
    const logId = this.logIdOf.get(callId) ?? callId;
    const row = this.deps.repository.notesOf(logId);
    if (row) {
      this.write(logId, edit);
      return this.view(callId, this.deps.repository.notesOf(logId)!, 'saved');
    }
    if (!this.deps.isOnScreen(callId)) throw new AppFailure('CALL_NOT_FOUND', 'That call is not in the call log.');
    const held = { ...this.held.get(callId) };
    if (edit.notes !== undefined) held.notes = edit.notes;
    if (edit.disposition !== undefined) held.disposition = this.deps.checkDisposition(edit.disposition, held.disposition ?? null);
    this.held.set(callId, held);
    return this.view(callId, { notes: held.notes ?? '', disposition: held.disposition ?? null }, 'held');
  }

  private write(logId: string, edit: Held): void {
    const current = this.deps.repository.notesOf(logId);
    const disposition = edit.disposition === undefined ? undefined : this.deps.checkDisposition(edit.disposition, current?.disposition ?? null);
    const dispositionChanged = disposition !== undefined && disposition !== (current?.disposition ?? null);
    this.deps.repository.edit(logId, { notes: edit.notes, disposition }, this.deps.clock.now(), { timeline: dispositionChanged });
    this.deps.saved(logId);
  }

  private remember(viewId: string, logId: string): void {
    if (this.logIdOf.get(viewId) === logId) return;
    this.logIdOf.set(viewId, logId);
    if (this.logIdOf.size > rememberedIds) this.logIdOf.delete(this.logIdOf.keys().next().value!);
  }

  private view(callId: string, row: { notes: string; disposition: string | null }, state: CallNotesView['state']): CallNotesView {
    return { callId, notes: row.notes, disposition: row.disposition, state, savedAt: isoTime(this.deps.clock.now()) };
  }
}
