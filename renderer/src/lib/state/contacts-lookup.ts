import { getContext, setContext } from 'svelte';

/**
 * Who a number belongs to, where the app knows. The contacts list plugs in
 * here (give `provideContacts` a lookup over it); until then no number has a
 * name of its own, and a call shows the name Pilot Status sent, if any.
 */
export interface ContactsLookup {
  /** The contact's name for an E.164 number, or null. */
  nameFor(number: string): string | null;
}

export const noContacts: ContactsLookup = { nameFor: () => null };

/** The name to show for a number: the contacts' one, else the one Pilot Status sent with the call (kept in the call log). */
export const displayName = (lookup: ContactsLookup, number: string, sentByPilot: string | null = null): string | null => lookup.nameFor(number) ?? sentByPilot;

const key = Symbol('contacts');

export const provideContacts = (lookup: ContactsLookup): void => {
  setContext(key, lookup);
};

export const useContacts = (): ContactsLookup => getContext<ContactsLookup | undefined>(key) ?? noContacts;
