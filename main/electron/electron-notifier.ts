import { Notification } from 'electron';
import type { IncomingCallNotice, NotificationAction, Notifier } from '../core/notifications/notifier';
import { actionOfButton, incomingCallOptions } from './notification-options';

/** Incoming-call notifications through Electron (Notification Center, Windows toasts, libnotify); their shape is notification-options.ts. */
export class ElectronNotifier implements Notifier {
  private readonly shown = new Map<string, Notification>();
  private handler: (callId: string, action: NotificationAction) => void = () => {};

  constructor(private readonly focusWindow: () => void) {}

  onAction(handler: (callId: string, action: NotificationAction) => void): void {
    this.handler = handler;
  }

  async showIncomingCall(notice: IncomingCallNotice): Promise<boolean> {
    if (!Notification.isSupported()) return false;
    const notification = new Notification(incomingCallOptions(notice, process.platform));
    notification.on('action', (event) => {
      const action = actionOfButton(event.actionIndex);
      if (action) this.handler(notice.callId, action);
    });
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
