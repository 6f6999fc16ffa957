import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ConnectionView, EventName, EventPayloads, HistoryPage } from '../../preload/contract';
import { openCallLogDatabase, type CallLogDatabase } from '../../main/core/call-log/database';
import { systemClock } from '../../main/core/clock';
import { MemoryCredentialStore } from '../../main/core/credentials/credential-store';
import { silentLogger } from '../../main/core/logging/logger';
import type { Notifier } from '../../main/core/notifications/notifier';
import { SettingsStore } from '../../main/core/settings/settings-store';
import { Softphone } from '../../main/core/softphone';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import { startTestSimulator } from '../support/sim';
import { tempDir } from '../support/temp-dir';

const quietNotifier: Notifier = { showIncomingCall: async () => true, close: async () => {}, onAction: () => {}, dispose: () => {} };

let dir: ReturnType<typeof tempDir>;
let sim: RunningSimulator;
let db: CallLogDatabase;
let phone: Softphone;
let events: { name: EventName; payload: unknown }[];

beforeEach(async () => {
  dir = tempDir();
  sim = await startTestSimulator({ ringTimeoutMs: 60_000 });
  db = openCallLogDatabase(join(dir.path, 'call-log.sqlite'));
  events = [];
  phone = new Softphone({
    host: 'browser',
    version: 'test',
    clock: systemClock,
    logger: silentLogger(),
    settings: new SettingsStore(join(dir.path, 'settings.json')),
    keychain: new MemoryCredentialStore(),
    callLogDb: db,
    notifier: quietNotifier,
    emit: (name, payload) => events.push({ name, payload }),
    systemLocale: 'en_US.UTF-8',
  });
  await phone.start();
});
afterEach(async () => {
  phone.stop();
  db.close();
  await sim.close();
  dir.remove();
});

const until = async (check: () => boolean, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const connection = (state: ConnectionView['state']) => (e: { name: EventName; payload: unknown }) =>
  e.name === 'connections.changed' && (e.payload as EventPayloads['connections.changed']).state === state;

test('after Pilot Status kept failing, calls that ended meanwhile beyond the first page are filled in by reconciliation', async () => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  await phone.dispatch('settings.update', { pollIntervalMs: 250 });
  expect((await phone.dispatch('accounts.add', { label: 'Suporte', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url })).ok).toBe(true);
  await until(() => events.some(connection('ok')));

  // Pilot Status fails every request for a while: the line reports Pilot Status's own error.
  sim.simulator.faults.add({ kind: 'server-error', until: Date.now() + 60_000 });
  await until(() => events.some(connection('service-error')));
  // Meanwhile 60 calls ring and are missed: more than the 25 a poll reads.
  const base = Date.now() - 120_000;
  const calls = Array.from({ length: 60 }, (_, i) => {
    const call = sim.simulator.incomingCall({ numberId: number.id, from: `+55119${String(70000000 + i)}` });
    sim.simulator.customerHangup(call.id);
    call.createdAt = new Date(base + i * 1000).toISOString();
    return call;
  });
  const since = events.length;
  sim.simulator.faults.clear();

  await until(() => events.slice(since).some((e) => e.name === 'history.reconciled'));
  const reconciled = events.slice(since).find((e) => e.name === 'history.reconciled')!.payload as EventPayloads['history.reconciled'];
  // The poll after recovery reads the newest 25; reconciliation pages back for the rest.
  expect(reconciled.added).toBeGreaterThanOrEqual(35);
  const page = await phone.dispatch('history.query', { filter: { outcome: 'missed' }, limit: 500 });
  if (!page.ok) throw new Error(page.error.message);
  expect((page.value as HistoryPage).rows.map((r) => r.id).sort()).toEqual(calls.map((c) => c.id).sort());
  expect((db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n).toBe(60);
});
