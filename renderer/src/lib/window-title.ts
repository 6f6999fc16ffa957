import type { PreferencesState } from './state/preferences-state.svelte';

/** The window's title says the agent's status, so the taskbar shows it too. */
export const statusTitle = (app: string, status: string): string => `${app} · ${status}`;

/**
 * Reports the window's size once the agent stops resizing it, for the next
 * start to open at it (the browser version's host cannot see the window).
 * Returns how to stop.
 */
export const rememberWindowSize = (preferences: PreferencesState, settleMs = 1000): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onResize = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void preferences.rememberWindowSize(window.outerWidth, window.outerHeight), settleMs);
  };
  window.addEventListener('resize', onResize);
  return () => {
    clearTimeout(timer);
    window.removeEventListener('resize', onResize);
  };
};
