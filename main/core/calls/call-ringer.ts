import type { Logger } from '../logging/logger';
import type { Translate } from '../i18n/translator';
import type { NotificationAction, Notifier } from '../notifications/notifier';
import { displayPhone } from '../phone';
import type { EventSink } from '../ports';
import type { TrackedCall } from './tracked-call';

export interface CallRingerDeps {
  notifier: Notifier;
  emit: EventSink;
  logger: Logger;
  translate: () => Translate;
}

/**
 * The desktop side of a ringing call: a native notification with Answer and
 * Decline, or, where none can be shown, a request to the window to show a
 * web one. The ringtone itself plays in the window while a call rings.
 */
export class CallRinger {
  constructor(private readonly deps: CallRingerDeps) {}

  /** Notification buttons act on the call through the handler (the call service's answer/decline). */
  onAction(handler: (callId: string, action: Exclude<NotificationAction, 'focus'>) => void): void {
    this.deps.notifier.onAction((callId, action) => {
      if (action !== 'focus') handler(callId, action);
    });
  }

  async ring(call: TrackedCall, lineLabel: string): Promise<void> {
    const t = this.deps.translate();
    const notice = {
      callId: call.id,
      title: t('notification.incomingTitle'),
      body: call.contactName
        ? t('notification.incomingBodyContact', { name: call.contactName, number: displayPhone(call.peerNumber), line: lineLabel })
        : t('notification.incomingBody', { number: displayPhone(call.peerNumber), line: lineLabel }),
      answerLabel: t('call.answer'),
      declineLabel: t('call.decline'),
    };
    let shown = false;
    try {
      shown = await this.deps.notifier.showIncomingCall(notice);
    } catch (error) {
      this.deps.logger.warn({ err: error, callId: call.id }, 'native notification failed');
    }
    // The call may have stopped ringing while the notification was on its way.
    if (call.machine.phase !== 'ringing') {
      if (shown) await this.deps.notifier.close(call.id);
      return;
    }
    if (!shown) this.deps.emit('notify.fallback', { callId: call.id, title: notice.title, body: notice.body });
  }

  silence(callId: string): Promise<void> {
    return this.deps.notifier.close(callId);
  }
}
