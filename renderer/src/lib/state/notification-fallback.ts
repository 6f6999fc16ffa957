import type { PilotApi } from '../../../../preload/contract';

/**
 * Raises a web notification for a ringing call when the host could not raise
 * a native one (no notification service, another OS). Lives as long as the
 * window; shows nothing when the agent refused notifications.
 */
export const followNotificationFallback = (api: Pick<PilotApi, 'on'>): (() => void) =>
  api.on('notify.fallback', async ({ callId, title, body }) => {
    if (!('Notification' in window)) return;
    const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    if (permission !== 'granted') return;
    const notification = new Notification(title, { body, tag: callId, requireInteraction: true });
    notification.onclick = () => window.focus();
  });
