import { getContext, setContext } from 'svelte';
import type { CallNotesState } from './call-notes-state.svelte';
import type { SettingsState } from './settings-state.svelte';

export interface CallNotesContext {
  notes: CallNotesState;
  /** The team's dispositions. */
  settings: SettingsState;
}

const key = Symbol('call-notes');

/** Given once by the app, so every call card (ringing, live, ended; any layout) can hold the call's notes. */
export const provideCallNotes = (context: CallNotesContext): void => {
  setContext(key, context);
};

export const useCallNotes = (): CallNotesContext | undefined => getContext<CallNotesContext | undefined>(key);
