import { z } from 'zod';
import { command, id } from './define';

/** A call's notes and disposition, as the agent writes them during and after the call. */
export interface CallNotesView {
  /** The id the window knows the call by (a dialed call's own id included). */
  callId: string;
  notes: string;
  disposition: string | null;
  /**
   * `saved`: in the call log, surviving a crash of the app. `held`: the call is not in the log yet (a dialed
   * call Pilot Status has not created), so the app keeps them and writes them with the call's first row.
   */
  state: 'saved' | 'held';
  /** ISO time of the save. */
  savedAt: string;
}

export const callNoteLimits = { notes: 10_000, disposition: 60 } as const;

/**
 * The notes of a call on screen (live or just ended), saved as the agent
 * types: the window sends them a few times a second at most; each save is in
 * the call log when it answers. The same notes are the call detail's in the
 * history.
 */
export const callNotesCommands = {
  'callNotes.get': command(z.object({ callId: id }).strict()).returns<CallNotesView>(),
  'callNotes.save': command(
    z
      .object({
        callId: id,
        notes: z.string().max(callNoteLimits.notes, 'NOTES_TOO_LONG').optional(),
        /** From the team's list (or free text, when the team allows it); null clears it. */
        disposition: z.string().trim().max(callNoteLimits.disposition, 'DISPOSITION_TOO_LONG').nullable().optional(),
      })
      .strict(),
  ).returns<CallNotesView>(),
};
