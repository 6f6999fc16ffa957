import type { Theme } from '../../../preload/contract';

/**
 * Applies the agent's colour choice: the system's (the CSS follows
 * `prefers-color-scheme`), or light or dark whatever the system says.
 * Forced colours (high contrast) always win, in CSS.
 */
export const applyTheme = (theme: Theme, root: HTMLElement = document.documentElement): void => {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  root.style.colorScheme = theme === 'system' ? 'light dark' : theme;
};
