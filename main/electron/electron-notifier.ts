import { Notification } from 'electron';
import { escapeNotificationMarkup } from '../core/notifications/notification-markup';
import type { IncomingCallNotice, NotificationAction, Notifier } from '../core/notifications/notifier';

/** Incoming-call notifications through Electron (Notification Center, Action Center, libnotify). */
export class ElectronNotifier implements Notifier {
  private readonly shown = new Map<string, Notification>();
  private handler: (callId: string, action: NotificationAction) => void = () => {};

  constructor(private readonly focusWindow: () => void) {}

  onAction(handler: (callId: string, action: NotificationAction) => void): void {
    this.handler = handler;
  }

  async showIncomingCall(notice: IncomingCallNotice): Promise<boolean> {
    if (!Notification.isSupported()) return false;
    const notification = new Notification({
      title: notice.title,
      // libnotify daemons read the body as markup; it carries the caller's number as Pilot Status reports it.
      body: process.platform === 'linux' ? escapeNotificationMarkup(notice.body) : notice.body,
      urgency: 'critical',
      timeoutType: 'never',
      actions: [
        { type: 'button', text: notice.answerLabel },
        { type: 'button', text: notice.declineLabel },
      ],
    });
    notification.on('action', (_event, index) => this.handler(notice.callId, index === 0 ? 'answer' : 'decline'));
    notification.on('click', () => {
      this.focusWindow();
      this.handler(notice.callId, 'focus');
    });
    notification.on('close', () => this.shown.delete(notice.callId));
    this.shown.set(notice.callId, notification);
    notification.show();
    return true;
  }

  async close(callId: string): Promise<void> {
    this.shown.get(callId)?.close();
    this.shown.delete(callId);
  }

  dispose(): void {
    for (const notification of this.shown.values()) notification.close();
    this.shown.clear();
  }
}
