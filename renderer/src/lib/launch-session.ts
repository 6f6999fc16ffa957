import { launchCodeHeader, launchSessionPath } from '../../../preload/contract/constants';

const secretStorageKey = 'pilot.secret';

/** A `name=value` the host put in the window address's fragment (`#lang=pt-BR&code=…`). */
export const fragmentValue = (name: string): string | undefined => new RegExp(`(?:^#|&)${name}=([^&]+)`).exec(location.hash)?.[1];

/**
 * The browser host's session secret for this window. The window's address
 * carries a one-time code (`#code=`, in the fragment, never sent to a
 * server); it is taken out of the address at once and exchanged once for
 * the secret, which is kept for reloads of this window only (session
 * storage). A code someone else used first gives no secret: the socket is
 * then refused and the window says it cannot reach the app.
 */
export const sessionSecret = async (): Promise<string | null> => {
  const code = fragmentValue('code');
  if (code) {
    history.replaceState(null, '', location.pathname + location.search);
    try {
      const response = await fetch(launchSessionPath, { method: 'POST', headers: { [launchCodeHeader]: code }, cache: 'no-store', credentials: 'omit' });
      if (response.ok) sessionStorage.setItem(secretStorageKey, ((await response.json()) as { secret: string }).secret);
    } catch {
      // The host is gone or refused: the socket's own refusal tells the window.
    }
  }
  return sessionStorage.getItem(secretStorageKey);
};
