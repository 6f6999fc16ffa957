import { spawn } from 'node:child_process';

export interface CapturedNotification {
  appName: string;
  summary: string;
  body: string;
  actions: string[];
}

/**
 * Captures real desktop notifications: `dbus-monitor` on the session bus,
 * watching `org.freedesktop.Notifications.Notify` calls (python3-dbusmock
 * plays the notification daemon under `test/support/with-desktop-session.sh`).
 */
export const monitorNotifications = async (): Promise<{ notifications(): CapturedNotification[]; stop(): void }> => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('No session bus: run the tests through `npm test` (test/support/with-desktop-session.sh).');
  }
  const monitor = spawn('dbus-monitor', ['--session', "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  monitor.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // dbus-monitor prints its own NameAcquired signal once it listens.
  await new Promise<void>((ready) => {
    const check = setInterval(() => {
      if (output.includes('NameAcquired') || output.includes('NameLost')) {
        clearInterval(check);
        ready();
      }
    }, 20);
    setTimeout(() => {
      clearInterval(check);
      ready();
    }, 2000);
  });
  return {
    notifications: () => parseNotifyCalls(output),
    stop: () => monitor.kill(),
  };
};

/** Reads `method call ... member=Notify` blocks: app name, replaces id, icon, summary, body, actions. */
export const parseNotifyCalls = (text: string): CapturedNotification[] =>
  text
    .split(/\n(?=method call )/)
    .filter((block) => block.startsWith('method call') && block.includes('member=Notify'))
    .map((block) => {
      const strings = [...block.matchAll(/^\s*string "((?:[^"\\]|\\.)*)"/gm)].map((m) => m[1]!);
      // Order of strings: app_name, icon, summary, body, then the actions array, then hint keys/values.
      const [appName = '', , summary = '', body = '', ...rest] = strings;
      const arrayStart = block.indexOf('array [');
      const arrayEnd = block.indexOf(']', arrayStart);
      const actions = arrayStart === -1 ? [] : [...block.slice(arrayStart, arrayEnd).matchAll(/string "([^"]*)"/g)].map((m) => m[1]!);
      void rest;
      return { appName, summary, body, actions };
    });
