import { z } from 'zod';
import { command } from './define';

/**
 * A number to dial that came from outside the window: `--call` on the
 * command line, a `tel:` or WhatsApp link the desktop opened the app with,
 * or a second start that handed its number to the running copy. The window
 * opens its dialer with it (asking which line when there are several); the
 * agent presses Call.
 */
export interface DialRequest {
  id: string;
  /** E.164. */
  number: string;
  /** `contacts`: the agent pressed Call on a contact (the window's own; the main side never sends it). */
  source: 'command-line' | 'second-start' | 'link' | 'contacts';
  at: string;
}

export const clickToCallCommands = {
  /** The request not yet taken by a window, if any (a window that connects after it was made asks for it once). */
  'dialer.pending': command(z.object({}).strict()).returns<DialRequest | null>(),
};

export interface ClickToCallEvents {
  'dialer.prefill': DialRequest;
}
