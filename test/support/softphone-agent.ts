import { join } from 'node:path';
import type { EventName, EventPayloads } from '../../preload/contract';
import { openCallLogDatabase, type CallLogDatabase } from '../../main/core/call-log/database';
import { systemClock } from '../../main/core/clock';
import { MemoryCredentialStore } from '../../main/core/credentials/credential-store';
import { silentLogger } from '../../main/core/logging/logger';
import type { IncomingCallNotice, NotificationAction, Notifier } from '../../main/core/notifications/notifier';
import { SettingsStore } from '../../main/core/settings/settings-store';
import { Softphone } from '../../main/core/softphone';

/** Records the notifications the core raised. */
export class RecordingNotifier implements Notifier {
  shown: IncomingCallNotice[] = [];
  async showIncomingCall(notice: IncomingCallNotice) {
    this.shown.push(notice);
    return true;
  }
  async close() {}
  onAction(_handler: (callId: string, action: NotificationAction) => void) {}
  dispose() {}
}

export interface TestAgent {
  phone: Softphone;
  db: CallLogDatabase;
  notifier: RecordingNotifier;
  events: { name: EventName; payload: EventPayloads[EventName] }[];
  /** Payloads of one event, in order. */
  emitted<E extends EventName>(name: E): EventPayloads[E][];
}

/** A whole core (real SQLite in `dir`, in-memory keychain) for tests that drive it through its commands. */
export const startAgent = async (dir: string, name = 'agent'): Promise<TestAgent> => {
  const events: TestAgent['events'] = [];
  const notifier = new RecordingNotifier();
  const db = openCallLogDatabase(join(dir, `${name}-log.sqlite`));
  const phone = new Softphone({
    host: 'browser',
    version: 'test',
    clock: systemClock,
    logger: silentLogger(),
    settings: new SettingsStore(join(dir, `${name}-settings.json`)),
    keychain: new MemoryCredentialStore(),
    callLogDb: db,
    notifier,
    emit: (event, payload) => events.push({ name: event, payload }),
    systemLocale: 'en_US.UTF-8',
  });
  await phone.start();
  return {
    phone,
    db,
    notifier,
    events,
    emitted: <E extends EventName>(event: E) => events.filter((e) => e.name === event).map((e) => e.payload as EventPayloads[E]),
  };
};

/** The value of a command that must succeed. */
export const ok = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`command failed: ${JSON.stringify(result.error)}`);
  return result.value;
};
