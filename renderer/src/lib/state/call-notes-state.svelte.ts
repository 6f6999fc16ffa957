import type { AppError, PilotApi } from '../../../../preload/contract';

export interface CallNotes {
  disposition: string;
  notes: string;
}

/**
 * Notes and disposition of a call, read and saved through the call log
 * (`history.get` / `history.annotate`). The live call view and the wrap-up
 * show its editor (components/call-notes/CallNotes.svelte).
 */
export class CallNotesState {
  constructor(private readonly api: PilotApi) {}

  async load(callId: string): Promise<CallNotes | null> {
    const result = await this.api.history.get({ callId });
    return result.ok ? { disposition: result.value.disposition ?? '', notes: result.value.notes } : null;
  }

  /** Resolves with the error to show, or null once saved. */
  async save(callId: string, edit: CallNotes): Promise<AppError | null> {
    const result = await this.api.history.annotate({ callId, notes: edit.notes, disposition: edit.disposition.trim() || null });
    return result.ok ? null : result.error;
  }
}
