import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logging/logger';
import type { NotificationAction } from '../../main/core/notifications/notifier';
import { FreedesktopNotifier } from '../../main/web/freedesktop-notifier';
import { desktopSessionMissing } from '../support/desktop-session';
import { monitorNotifications } from '../support/notification-monitor';

const missing = desktopSessionMissing();

interface Bus {
  invoke(message: Record<string, unknown>, callback: (error: unknown, value: unknown) => void): void;
  connection: { end(): void };
}

/** Plays the user clicking a notification button: the mock daemon emits ActionInvoked. */
const clickAction = async (notificationId: number, action: string): Promise<void> => {
  const bus = (createRequire(import.meta.url)('@homebridge/dbus-native') as { sessionBus(): Bus }).sessionBus();
  await new Promise<void>((resolve, reject) =>
    bus.invoke(
      {
        destination: 'org.freedesktop.Notifications',
        path: '/org/freedesktop/Notifications',
        interface: 'org.freedesktop.DBus.Mock',
        member: 'EmitSignal',
        signature: 'sssav',
        body: ['org.freedesktop.Notifications', 'ActionInvoked', 'us', [['u', notificationId], ['s', action]]],
      },
      (error) => (error ? reject(new Error(JSON.stringify(error))) : resolve()),
    ),
  );
  bus.connection.end();
};

describe.skipIf(missing !== null)('freedesktop notifier (real session bus, mock notification daemon)', () => {
  const notifier = new FreedesktopNotifier(silentLogger());
  afterAll(() => notifier.dispose());

  it('raises a desktop notification with the caller and Answer/Decline actions', async () => {
    const monitor = await monitorNotifications();
    const shown = await notifier.showIncomingCall({
      callId: 'call_n1',
      title: 'Incoming WhatsApp call',
      body: '+55 11 98765 4321 on Support',
      answerLabel: 'Answer',
      declineLabel: 'Decline',
    });
    expect(shown).toBe(true);
    await expect.poll(() => monitor.notifications()).toContainEqual({
      appName: 'Pilot Softphone',
      summary: 'Incoming WhatsApp call',
      body: '+55 11 98765 4321 on Support',
      actions: ['answer', 'Answer', 'decline', 'Decline', 'default', 'Incoming WhatsApp call'],
    });
    monitor.stop();
  });

  it('shows caller-controlled text as text: the daemon gets no markup, links or images from it', async () => {
    const monitor = await monitorNotifications();
    const hostile = "<b>+55</b> <a href='https://evil.example'>pay here</a> <img src='file:///etc/passwd'/> & Co";
    await notifier.showIncomingCall({ callId: 'call_markup', title: 'Incoming WhatsApp call', body: `${hostile} on Support`, answerLabel: 'Answer', declineLabel: 'Decline' });
    await expect.poll(() => monitor.notifications().find((n) => n.body.includes('Support'))?.body).toBe(
      "&lt;b&gt;+55&lt;/b&gt; &lt;a href='https://evil.example'&gt;pay here&lt;/a&gt; &lt;img src='file:///etc/passwd'/&gt; &amp; Co on Support",
    );
    monitor.stop();
  });

  it('turns the Answer button into an answer action for the right call', async () => {
    const actions: [string, NotificationAction][] = [];
    notifier.onAction((callId, action) => actions.push([callId, action]));
    await notifier.showIncomingCall({ callId: 'call_n2', title: 't', body: 'b', answerLabel: 'Answer', declineLabel: 'Decline' });
    const id = (notifier as unknown as { idsByCall: Map<string, number> }).idsByCall.get('call_n2')!;
    await clickAction(id, 'answer');
    await expect.poll(() => actions).toEqual([['call_n2', 'answer']]);
  });

  it('reports "not shown" when no notification service exists, so the core can fall back', async () => {
    const previous = process.env.DBUS_SESSION_BUS_ADDRESS;
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
    try {
      const orphan = new FreedesktopNotifier(silentLogger());
      expect(await orphan.showIncomingCall({ callId: 'c', title: 't', body: 'b', answerLabel: 'a', declineLabel: 'd' })).toBe(false);
    } finally {
      process.env.DBUS_SESSION_BUS_ADDRESS = previous;
    }
  });
});
