import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { CallLogRepository } from '../../main/core/call-log/call-log-repository';
import { CallTimeline } from '../../main/core/call-log/call-timeline';
import { openCallLogDatabase, type CallLogDatabase } from '../../main/core/call-log/database';
import { Reconciler, type ReconcileLine } from '../../main/core/call-log/reconcile';
import { outcomeOf } from '../../main/core/pilot/call-outcome';
import { systemClock } from '../../main/core/clock';
import { silentLogger } from '../../main/core/logging/logger';
import { PilotClient } from '../../main/core/pilot/pilot-client';
import { startSimulatorServer, type RunningSimulator } from '../../main/simulator/sim-server';
import { Simulator } from '../../main/simulator/simulator';
import type { SimNumber } from '../../main/simulator/sim-state';
import { ManualClock } from '../support/manual-clock';
import { tempDir } from '../support/temp-dir';

let temp: ReturnType<typeof tempDir>;
let sim: RunningSimulator;
let number: SimNumber;
let db: CallLogDatabase;
let callLog: CallLogRepository;
let line: ReconcileLine;
let events: { event: string; payload: unknown }[];
/** Pilot Status's wall clock: time passes by hand while the app is "down", not by sleeping. */
let wall: ManualClock;

beforeEach(async () => {
  temp = tempDir('pilot-reconcile-');
  wall = new ManualClock(Date.now());
  sim = await startSimulatorServer({ simulator: new Simulator({ ringTimeoutMs: 60_000, now: () => wall.now() }), controlToken: randomBytes(8).toString('hex') });
  number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  db = openCallLogDatabase(join(temp.path, 'call-log.sqlite'));
  callLog = new CallLogRepository(db, () => 'Ana');
  const key = number.apiKey;
  line = { id: 'line_web', label: 'Web', provider: 'EVO_GO', client: new PilotClient({ baseUrl: sim.url, apiKey: async () => key }) };
  events = [];
});
afterEach(async () => {
  db.close();
  await sim.close();
  temp.remove();
});

const reconciler = (options: { maxPages?: number; isLive?: (id: string) => boolean } = {}) =>
  new Reconciler({
    db,
    callLog,
    timeline: new CallTimeline(db, systemClock, silentLogger()),
    clock: systemClock,
    logger: silentLogger(),
    emit: (event, payload) => events.push({ event, payload }),
    line: (id) => (id === line.id ? line : undefined),
    isLive: options.isLive ?? (() => false),
    maxPages: options.maxPages,
  });

/**
 * Calls in quick succession: missed, answered, declined in turn. Pilot's times
 * have millisecond precision; runs of 7 calls share one, so page boundaries
 * fall inside a run (set explicitly: how many share one by chance depends on
 * the machine's speed).
 */
const makeCalls = (count: number) => {
  const s = sim.simulator;
  const base = Date.now() - 1000;
  const calls = Array.from({ length: count }, (_, i) => {
    const call = s.incomingCall({ numberId: number.id, from: `+55119${String(80000000 + i)}` });
    if (i % 3 === 0) s.customerHangup(call.id);
    else if (i % 3 === 1) {
      s.accept(number, call.id);
      s.terminate(number, call.id);
    } else s.reject(number, call.id);
    return call;
  });
  calls.forEach((call, i) => (call.createdAt = new Date(base + Math.floor(i / 7)).toISOString()));
  return calls;
};

const logged = () => db.prepare("SELECT id, outcome, remote_status, source FROM calls WHERE account_id = 'line_web'").all() as {
  id: string;
  outcome: string | null;
  remote_status: string;
  source: string;
}[];

test('calls that happened while the app was away are filled in once each, across pages that split a millisecond', async () => {
  const calls = makeCalls(257);

  const result = await reconciler().reconcile(line.id);
  expect(result).toMatchObject({ added: 257, updated: 0, truncated: false });
  expect(result.pages).toBeGreaterThanOrEqual(3);
  const rows = logged();
  expect(rows).toHaveLength(257);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const call of calls) {
    expect(byId.get(call.id)).toMatchObject({ outcome: outcomeOf(call), remote_status: call.status, source: 'reconciled' });
  }
  // In the order recorded: "reconciled" is stamped by the app's clock, the others by Pilot's times, which may differ by a few ms.
  const timeline = db.prepare('SELECT kind FROM call_events WHERE call_id = ? ORDER BY rowid').all(calls[1]!.id) as { kind: string }[];
  expect(timeline.map((e) => e.kind)).toEqual(['created', 'connected', 'ended', 'reconciled']);
  expect(events.filter((e) => e.event === 'log.changed')).toHaveLength(257);
  expect(events.at(-1)).toEqual({ event: 'history.reconciled', payload: { accountId: line.id, added: 257, updated: 0 } });

  // A second pass finds nothing new and duplicates nothing.
  events = [];
  expect(await reconciler().reconcile(line.id)).toMatchObject({ added: 0, updated: 0 });
  expect(logged()).toHaveLength(257);
  expect(events).toEqual([]);
});

test('a call the app logged as live before it died gets its final state, keeping what the agent saw', async () => {
  const [call] = makeCalls(1);
  const ringing = sim.simulator.incomingCall({ numberId: number.id, from: '+5511955554444' });
  sim.simulator.accept(number, ringing.id);
  // The app logged the call while it was live (answered by this agent), then was killed.
  callLog.upsert(
    { id: ringing.id, externalId: null, accountId: line.id, lineLabel: 'Web', provider: 'EVO_GO', direction: 'INBOUND', peerNumber: '+5511955554444',
      outcome: null, remoteStatus: 'ACCEPTED', createdAt: Date.parse(ringing.createdAt), connectedAt: Date.parse(ringing.connectedAt!), endedAt: null, durationSeconds: null },
    Date.now(),
  );
  db.prepare("UPDATE calls SET notes = 'cliente quer boleto' WHERE id = ?").run(ringing.id);
  // While the app was down, the customer hung up.
  wall.advance(1100);
  sim.simulator.customerHangup(ringing.id);

  const result = await reconciler().reconcile(line.id);
  expect(result).toMatchObject({ added: 1, updated: 1 });
  const row = db.prepare('SELECT * FROM calls WHERE id = ?').get(ringing.id) as Record<string, unknown>;
  expect(row).toMatchObject({ outcome: 'answered', remote_status: 'COMPLETED', notes: 'cliente quer boleto', source: 'live', agent_name: 'Ana' });
  expect(row.duration_seconds).toBeGreaterThanOrEqual(1);
  expect(logged().map((r) => r.id).sort()).toEqual([call!.id, ringing.id].sort());
});

test('a call the app follows live is left to the call service', async () => {
  const ringing = sim.simulator.incomingCall({ numberId: number.id, from: '+5511933332222' });
  const result = await reconciler({ isLive: (id) => id === ringing.id }).reconcile(line.id);
  expect(result.added).toBe(0);
  expect(logged()).toEqual([]);
  // Once it is no longer live, the next pass records it (the mark did not move past it).
  sim.simulator.customerHangup(ringing.id);
  expect(await reconciler().reconcile(line.id)).toMatchObject({ added: 1 });
  expect(logged()).toMatchObject([{ id: ringing.id, outcome: 'missed' }]);
});

test('a pass is bounded: it stops after its page limit and says so', async () => {
  makeCalls(250);
  const result = await reconciler({ maxPages: 2 }).reconcile(line.id);
  expect(result).toMatchObject({ pages: 2, truncated: true });
  // Two pages of 100; pages overlap on a shared millisecond, so between 101 and 200 distinct calls.
  expect(logged().length).toBeGreaterThan(100);
  expect(logged().length).toBeLessThanOrEqual(200);
  expect(result.added).toBe(logged().length);
});

test('a failing API fails the pass without writing anything half-way wrong, and the next pass completes', async () => {
  makeCalls(30);
  sim.simulator.faults.add({ kind: 'server-error', remaining: 1 });
  await expect(reconciler().reconcile(line.id)).rejects.toMatchObject({ status: 500 });
  expect(logged()).toEqual([]);
  expect(await reconciler().reconcile(line.id)).toMatchObject({ added: 30 });
});
