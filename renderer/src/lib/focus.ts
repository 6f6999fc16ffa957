import { tick } from 'svelte';
import type { Action } from 'svelte/action';

/**
 * Named places keyboard commands move the focus to ("the dialer's number",
 * "this call's keypad"). A component marks an element with
 * `use:focusTarget={'name'}`; `focusNamed('name')` moves the focus there once
 * the view has caught up.
 */
const targets = new Map<string, HTMLElement>();

export const focusTarget: Action<HTMLElement, string> = (node, name) => {
  let current = name;
  targets.set(current, node);
  return {
    update: (next: string) => {
      if (targets.get(current) === node) targets.delete(current);
      current = next;
      targets.set(current, node);
    },
    destroy: () => {
      if (targets.get(current) === node) targets.delete(current);
    },
  };
};

/** Focuses the named element after the next render; false when there is none. */
export const focusNamed = async (name: string): Promise<boolean> => {
  await tick();
  const element = targets.get(name);
  element?.focus();
  return element !== undefined;
};

/** The element that last took the focus: when it has left the screen, the focus was lost with it. */
let lastFocused: Element | null = null;
document.addEventListener('focusin', (event) => (lastFocused = event.target as Element));

/** Whether the focus was on something that has left the screen (an Answer button that gave way to the call, a call that ended). */
export const focusIsLost = (): boolean =>
  (document.activeElement === null || document.activeElement === document.body) && lastFocused !== null && !lastFocused.isConnected;

/**
 * Takes the focus when it was lost, e.g. the Answer button that was pressed
 * gave way to the call it answered: the keyboard carries on from here.
 */
export const claimLostFocus: Action<HTMLElement> = (node) => {
  void tick().then(() => {
    if (focusIsLost() && node.isConnected) node.focus();
  });
};
