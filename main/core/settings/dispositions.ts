import { AppFailure } from '../errors';

/** The team's dispositions, as the settings hold them. */
export interface DispositionRule {
  /** What agents pick from, in the team's order. */
  dispositions: readonly string[];
  /** Whether an agent may also type a disposition the list lacks. */
  dispositionFreeText: boolean;
}

/** Checks a disposition about to be saved on a call, given the one it has now; returns it as stored. */
export type DispositionCheck = (value: string | null, current: string | null) => string | null;

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

/**
 * The rule for a disposition saved on a call. None (empty) is always
 * allowed, and so is the one the call already has (the list may have
 * changed since). One the list has is stored as the list spells it (`venda`
 * → `Venda`). Anything else is refused, unless the team allows free text or
 * has no list yet.
 */
export const dispositionCheck =
  (rule: () => DispositionRule): DispositionCheck =>
  (value, current) => {
    const typed = value?.trim() ?? '';
    if (!typed) return null;
    if (current !== null && typed === current) return current;
    const { dispositions, dispositionFreeText } = rule();
    const listed = dispositions.find((d) => same(d, typed));
    if (listed) return listed;
    if (dispositionFreeText || dispositions.length === 0) return typed;
    throw new AppFailure('DISPOSITION_NOT_IN_LIST', 'Pick a disposition from the team list.', { disposition: typed });
  };
