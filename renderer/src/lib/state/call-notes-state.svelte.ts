import type { AppError, CallNotesView, PilotApi } from '../../../../preload/contract';
import { SaveQueue } from './save-queue';

/** How often, at most, notes are saved while the agent types. */
export const notesSaveEveryMs = 300;

/** Errors worth trying again (the link to the main side); any other is the agent's to fix. */
const passing = new Set(['DISCONNECTED', 'INTERNAL', 'TIMEOUT']);

export interface CallNotesDraft {
  notes: string;
  disposition: string | null;
  /** `loading`: reading what was saved; `saving`: a change is not acknowledged yet; `saved` / `held`: as the core said. */
  status: 'loading' | 'saving' | 'saved' | 'held' | 'error';
  /** Why the last save failed (status `error`). */
  error: AppError | null;
  /** Why the disposition picked last was refused (it went back to the saved one). */
  refused: AppError | null;
}

/**
 * The notes and disposition of the calls on screen, as the agent types
 * them. Each call's changes are saved through `callNotes.save` as they come
 * (at most every {@link notesSaveEveryMs}, in order, the last state always),
 * so a crash of the app loses at most the last fraction of a second.
 * A disposition is sent only when it changed, so a refused one never holds
 * the notes back.
 */
export class CallNotesState {
  drafts = $state<Record<string, CallNotesDraft>>({});
  // Engine bookkeeping: nothing renders from these.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly queues = new Map<string, SaveQueue>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly savedDisposition = new Map<string, string | null>();

  constructor(private readonly api: PilotApi) {}

  /** The card of a call appeared: read what was saved (a reloaded window, a call that ended). */
  async open(callId: string): Promise<void> {
    if (this.drafts[callId]) return;
    this.drafts[callId] = { notes: '', disposition: null, status: 'loading', error: null, refused: null };
    const result = await this.api.callNotes.get({ callId });
    const draft = this.drafts[callId]!;
    // What the agent typed meanwhile wins over what was read.
    if (draft.status !== 'loading') return;
    if (result.ok) this.apply(callId, result.value, true);
    else Object.assign(draft, { status: 'error', error: result.error });
  }

  typeNotes(callId: string, notes: string): void {
    this.edit(callId, { notes });
    this.queue(callId).changed();
  }

  setDisposition(callId: string, disposition: string | null): void {
    this.edit(callId, { disposition });
    this.drafts[callId]!.refused = null;
    this.queue(callId).flush();
  }

  /** The agent left the notes: save what is there without waiting. */
  flush(callId: string): void {
    if (this.queues.get(callId)?.pending) this.queue(callId).flush();
  }

  private edit(callId: string, change: Partial<Pick<CallNotesDraft, 'notes' | 'disposition'>>): void {
    const draft = (this.drafts[callId] ??= { notes: '', disposition: null, status: 'saving', error: null, refused: null });
    Object.assign(draft, change, { status: 'saving', error: null });
  }

  private queue(callId: string): SaveQueue {
    let queue = this.queues.get(callId);
    if (!queue) {
      queue = new SaveQueue(() => this.save(callId), notesSaveEveryMs);
      this.queues.set(callId, queue);
    }
    return queue;
  }

  private async save(callId: string): Promise<'done' | 'retry'> {
    const draft = this.drafts[callId];
    if (!draft) return 'done';
    const { notes, disposition } = draft;
    const dispositionChanged = disposition !== (this.savedDisposition.get(callId) ?? null);
    const result = await this.api.callNotes.save({ callId, notes, ...(dispositionChanged ? { disposition } : {}) });
    if (!result.ok) {
      if (passing.has(result.error.code)) {
        Object.assign(draft, { status: 'error', error: result.error });
        return 'retry';
      }
      // A refused disposition goes back to the saved one, and the notes are saved on their own.
      if (dispositionChanged) {
        Object.assign(draft, { disposition: this.savedDisposition.get(callId) ?? null, refused: result.error });
        this.queue(callId).changed();
      } else {
        Object.assign(draft, { status: 'error', error: result.error });
      }
      return 'done';
    }
    this.savedDisposition.set(callId, result.value.disposition);
    // Typed on since this save left: the next one is on its way, the draft stays as typed.
    const current = draft.notes === notes && draft.disposition === disposition;
    if (current) this.apply(callId, result.value, false);
    return 'done';
  }

  private apply(callId: string, view: CallNotesView, loaded: boolean): void {
    const draft = this.drafts[callId]!;
    if (loaded) this.savedDisposition.set(callId, view.disposition);
    Object.assign(draft, { notes: view.notes, disposition: view.disposition, status: view.state, error: null });
  }
}
