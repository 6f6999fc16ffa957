/** What an incoming-call notification says; the text is already translated. */
export interface IncomingCallNotice {
  callId: string;
  title: string;
  body: string;
  answerLabel: string;
  declineLabel: string;
}

export type NotificationAction = 'answer' | 'decline' | 'focus';

/**
 * Native notifications as a port: Electron's Notification in the desktop
 * app, the freedesktop D-Bus service from the browser host on Linux.
 * `showIncomingCall` resolves `false` when no native notification could be
 * shown, so the core can ask the renderer for a web notification instead.
 */
export interface Notifier {
  showIncomingCall(notice: IncomingCallNotice): Promise<boolean>;
  close(callId: string): Promise<void>;
  onAction(handler: (callId: string, action: NotificationAction) => void): void;
  dispose(): void;
}

/** For hosts without native notifications: always defers to the renderer. */
export class NoNativeNotifier implements Notifier {
  async showIncomingCall(): Promise<boolean> {
    return false;
  }
  async close(): Promise<void> {}
  onAction(): void {}
  dispose(): void {}
}
