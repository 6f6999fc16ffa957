import { createRequire } from 'node:module';
import type { Logger } from '../core/logging/logger';
import { escapeNotificationMarkup } from '../core/notifications/notification-markup';
import type { IncomingCallNotice, NotificationAction, Notifier } from '../core/notifications/notifier';

/** The part of @homebridge/dbus-native this file uses (its own typings omit the session bus). */
interface DbusMessage {
  destination: string;
  path: string;
  interface: string;
  member: string;
  signature?: string;
  body?: unknown[];
}
interface DbusBus {
  invoke(message: DbusMessage, callback: (error: { name: string; message: string } | undefined, value: unknown) => void): void;
  addMatch(rule: string, callback: (error: unknown) => void): void;
  mangle(path: string, iface: string, member: string): string;
  signals: { on(name: string, listener: (body: unknown[]) => void): void };
  connection: { end(): void; on(event: 'error', listener: (error: Error) => void): void };
}

const service = 'org.freedesktop.Notifications';
const objectPath = '/org/freedesktop/Notifications';
/** Urgency "critical" keeps a ringing call on screen until it is acted on. */
const criticalUrgency = 2;

/**
 * Native desktop notifications from the browser host's Node side, through
 * the freedesktop Notifications D-Bus service (GNOME, KDE, XFCE, dunst ...).
 * Answer and Decline are notification actions. Where no session bus or no
 * notification service exists, `showIncomingCall` resolves `false` and the
 * core falls back to the renderer's web notification.
 */
export class FreedesktopNotifier implements Notifier {
  private bus: DbusBus | null = null;
  private readonly idsByCall = new Map<string, number>();
  private readonly callsById = new Map<number, string>();
  private actionHandler: (callId: string, action: NotificationAction) => void = () => {};

  constructor(
    private readonly logger: Logger,
    private readonly appName = 'Pilot Softphone',
  ) {}

  onAction(handler: (callId: string, action: NotificationAction) => void): void {
    this.actionHandler = handler;
  }

  async showIncomingCall(notice: IncomingCallNotice): Promise<boolean> {
    const bus = this.connect();
    if (!bus) return false;
    try {
      const id = await this.invoke<number>(bus, 'Notify', 'susssasa{sv}i', [
        this.appName,
        0,
        'call-start',
        notice.title,
        // The summary is plain text by the specification; the body may be read as markup.
        escapeNotificationMarkup(notice.body),
        ['answer', notice.answerLabel, 'decline', notice.declineLabel, 'default', notice.title],
        [
          ['urgency', ['y', criticalUrgency]],
          ['category', ['s', 'call.incoming']],
          ['desktop-entry', ['s', 'pilot-softphone']],
        ],
        0,
      ]);
      this.idsByCall.set(notice.callId, id);
      this.callsById.set(id, notice.callId);
      return true;
    } catch (error) {
      this.logger.warn({ err: error }, 'desktop notification service did not answer');
      return false;
    }
  }

  async close(callId: string): Promise<void> {
    const id = this.idsByCall.get(callId);
    if (id === undefined || !this.bus) return;
    this.forget(id);
    await this.invoke(this.bus, 'CloseNotification', 'u', [id]).catch(() => undefined);
  }

  dispose(): void {
    this.bus?.connection.end();
    this.bus = null;
  }

  private connect(): DbusBus | null {
    if (this.bus) return this.bus;
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) return null;
    try {
      const dbus = createRequire(import.meta.url)('@homebridge/dbus-native') as { sessionBus(): DbusBus };
      const bus = dbus.sessionBus();
      bus.connection.on('error', (error) => {
        this.logger.warn({ err: error }, 'session bus connection failed');
        this.bus = null;
      });
      bus.addMatch(`type='signal',interface='${service}'`, () => {});
      bus.signals.on(bus.mangle(objectPath, service, 'ActionInvoked'), (body) => {
        const [id, action] = body as [number, string];
        const callId = this.callsById.get(id);
        if (!callId) return;
        this.actionHandler(callId, action === 'answer' || action === 'decline' ? action : 'focus');
      });
      bus.signals.on(bus.mangle(objectPath, service, 'NotificationClosed'), (body) => this.forget((body as [number])[0]));
      this.bus = bus;
      return bus;
    } catch (error) {
      this.logger.warn({ err: error }, 'no session bus for desktop notifications');
      return null;
    }
  }

  private forget(id: number): void {
    const callId = this.callsById.get(id);
    this.callsById.delete(id);
    if (callId) this.idsByCall.delete(callId);
  }

  private invoke<T>(bus: DbusBus, member: string, signature: string, body: unknown[]): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${member} timed out`)), 3000);
      bus.invoke({ destination: service, path: objectPath, interface: service, member, signature, body }, (error, value) => {
        clearTimeout(timer);
        if (error) reject(new Error(`${error.name}: ${error.message}`));
        else resolve(value as T);
      });
    });
  }
}
