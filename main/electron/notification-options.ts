import { escapeNotificationMarkup } from '../core/notifications/notification-markup';
import type { IncomingCallNotice, NotificationAction } from '../core/notifications/notifier';

/**
 * How an incoming-call notification is built on each desktop, as plain data
 * (tested in Node; `electron-notifier.ts` hands it to Electron). Answer and
 * Decline are action buttons on macOS (shown as an alert when the app's
 * notification style is "Alerts") and on Windows toasts; on Windows and
 * Linux the notification stays until the agent acts (critical urgency, no
 * timeout).
 */
export interface IncomingCallOptions {
  title: string;
  body: string;
  silent: boolean;
  urgency?: 'critical';
  timeoutType?: 'never';
  actions?: { type: 'button'; text: string }[];
}

/** The action buttons, in order: the index Electron reports back is this list's. */
const buttons: readonly Exclude<NotificationAction, 'focus'>[] = ['answer', 'decline'];

export const incomingCallOptions = (notice: IncomingCallNotice, platform: NodeJS.Platform): IncomingCallOptions => {
  // The app rings on the speakers the agent chose; the notification itself makes no sound.
  // libnotify daemons read the body as markup; it carries the caller's number as Pilot Status reports it.
  const body = platform === 'linux' ? escapeNotificationMarkup(notice.body) : notice.body;
  const options: IncomingCallOptions = { title: notice.title, body, silent: true };
  if (platform === 'darwin' || platform === 'win32') {
    options.actions = [
      { type: 'button', text: notice.answerLabel },
      { type: 'button', text: notice.declineLabel },
    ];
  }
  if (platform !== 'darwin') Object.assign(options, { urgency: 'critical', timeoutType: 'never' });
  return options;
};

/** The action an action button's index stands for. */
export const actionOfButton = (index: number): Exclude<NotificationAction, 'focus'> | null => buttons[index] ?? null;
