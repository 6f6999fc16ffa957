import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CallView } from '../../preload/contract';
import { openCallLogDatabase } from '../../main/core/call-log/database';
import { MemoryCredentialStore } from '../../main/core/credentials/credential-store';
import type { Notifier } from '../../main/core/notifications/notifier';
import { SettingsStore } from '../../main/core/settings/settings-store';
import { Softphone } from '../../main/core/softphone';
import type { FaultKind } from '../../main/simulator/faults';
import { seededRandom } from '../support/history-generator';
import { ManualClock } from '../support/manual-clock';
import { startTestSimulator } from '../support/sim';
import { tempDir } from '../support/temp-dir';
import { capturingLogger } from './log-capture';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface SoakSample {
  /** Simulated hours since the start. */
  hour: number;
  heapMb: number;
  handles: number;
  sockets: number;
  calls: number;
  logRows: number;
  logFileKb: number;
}

export interface SoakReport {
  simulatedHours: number;
  realSeconds: number;
  calls: number;
  polls: number;
  faults: number;
  samples: SoakSample[];
  /** Least-squares slope per simulated hour, after the warm-up (start-up and warm caches excluded; the first hour by default). */
  slopes: { heapMbPerHour: number; handlesPerHour: number; socketsPerHour: number };
  logRows: number;
  /** Calls Pilot Status had that the log lacks (should be 0), and rows the log has beyond them (should be 0). `logRows` counts a call only a fault reported. */
  missingFromLog: number;
  extraInLog: number;
  secretsInLog: number;
}

const slope = (points: [number, number][]): number => {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
};

const quietNotifier: Notifier = { showIncomingCall: async () => true, close: async () => {}, onAction: () => {}, dispose: () => {} };
const faultKinds: FaultKind[] = ['server-error', 'malformed', 'unknown-status', 'rate-limit'];

/**
 * Hours of an agent's day in minutes: three web-number lines polling the
 * simulator (over real loopback HTTP) on a clock the soak moves by hand, a
 * customer calling every few simulated minutes (answered and talked to,
 * declined, or missed), faults sprinkled into Pilot Status's answers, and
 * the history looked at now and then, all through the contract. Samples
 * heap (after GC), handles and sockets every `sampleEveryMinutes`, and
 * compares the call log with the simulator's calls at the end.
 */
export const runSoak = async (options: { simulatedHours: number; sampleEveryMinutes?: number; seed?: number; warmUpHours?: number }): Promise<SoakReport> => {
  const random = seededRandom(options.seed ?? 8);
  const started = performance.now();
  const dir = tempDir('pilot-soak-');
  const sim = await startTestSimulator({ ringTimeoutMs: 24 * 3600_000 });
  const clock = new ManualClock();
  const log = capturingLogger();
  const db = openCallLogDatabase(join(dir.path, 'call-log.sqlite'));
  let inFlight = 0;
  let polls = 0;
  const phone = new Softphone({
    host: 'browser',
    version: 'soak',
    clock,
    logger: log.logger,
    settings: new SettingsStore(join(dir.path, 'settings.json')),
    keychain: new MemoryCredentialStore(),
    callLogDb: db,
    notifier: quietNotifier,
    emit: () => undefined,
    systemLocale: 'pt_BR.UTF-8',
    fetch: async (input, init) => {
      inFlight += 1;
      if (String(input).endsWith('/v1/calls?limit=25')) polls += 1;
      try {
        return await fetch(input, init);
      } finally {
        inFlight -= 1;
      }
    },
  });
  const settle = async (): Promise<void> => {
    for (let spins = 0; inFlight > 0 || spins < 2; spins += 1) await new Promise((resolve) => setImmediate(resolve));
  };
  const numbers = [0, 1, 2].map(() => sim.simulator.addNumber({ provider: 'EVO_GO' }));
  const keys = numbers.map((n) => n.apiKey);
  const samples: SoakSample[] = [];
  let faults = 0;
  let calls = 0;
  try {
    await phone.start();
    for (const [index, number] of numbers.entries()) {
      const added = await phone.dispatch('accounts.add', { label: `Linha ${index + 1}`, provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url });
      if (!added.ok) throw new Error(added.error.message);
    }
    await settle();
    const sample = () => {
      gc();
      const resources = process.getActiveResourcesInfo();
      samples.push({
        hour: (clock.now() - start) / 3_600_000,
        heapMb: process.memoryUsage().heapUsed / 1048576,
        handles: resources.length,
        sockets: resources.filter((name) => name === 'TCPSocketWrap' || name === 'PipeWrap').length,
        calls,
        logRows: (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n,
        logFileKb: statSync(join(dir.path, 'call-log.sqlite')).size / 1024,
      });
      log.drain();
    };
    const start = clock.now();
    const end = start + options.simulatedHours * 3_600_000;
    const sampleEvery = (options.sampleEveryMinutes ?? 10) * 60_000;
    let nextSample = start;
    let nextCall = start + 60_000;
    let nextFault = start + 15 * 60_000;
    /** What each live call does next, at a simulated time. */
    const plans: { at: number; callId: string; act: 'answer' | 'decline' | 'agent-hangup' | 'customer-hangup' }[] = [];
    while (clock.now() < end) {
      const now = clock.now();
      if (now >= nextSample) {
        sample();
        nextSample += sampleEvery;
      }
      if (now >= nextCall) {
        const number = numbers[Math.floor(random() * numbers.length)]!;
        const call = sim.simulator.incomingCall({ numberId: number.id, from: `+55119${String(70_000_000 + calls)}` });
        calls += 1;
        const kind = random();
        const ring = 5_000 + random() * 15_000;
        if (kind < 0.6) {
          plans.push({ at: now + ring, callId: call.id, act: 'answer' });
          plans.push({ at: now + ring + 60_000 + random() * 540_000, callId: call.id, act: random() < 0.5 ? 'agent-hangup' : 'customer-hangup' });
        } else if (kind < 0.75) {
          plans.push({ at: now + ring, callId: call.id, act: 'decline' });
        } else {
          plans.push({ at: now + 10_000 + random() * 20_000, callId: call.id, act: 'customer-hangup' });
        }
        nextCall += 60_000 + random() * 300_000;
      }
      if (now >= nextFault) {
        const kind = faultKinds[Math.floor(random() * faultKinds.length)]!;
        sim.simulator.faults.add({ kind, remaining: 1 + Math.floor(random() * 4), retryAfterSeconds: 1 + Math.floor(random() * 4) });
        faults += 1;
        nextFault += 5 * 60_000 + random() * 20 * 60_000;
      }
      for (const plan of plans.filter((p) => p.at <= now)) {
        plans.splice(plans.indexOf(plan), 1);
        if (plan.act === 'customer-hangup') {
          if (sim.simulator.call(plan.callId)?.endedAt === null) sim.simulator.customerHangup(plan.callId);
        } else {
          const command = plan.act === 'answer' ? 'calls.answer' : plan.act === 'decline' ? 'calls.decline' : 'calls.hangup';
          await phone.dispatch(command, { callId: plan.callId });
        }
      }
      if (Math.floor(now / 600_000) !== Math.floor((now + 1000) / 600_000)) {
        await phone.dispatch('history.query', { filter: {}, limit: 100 });
        await phone.dispatch('calls.list', {});
      }
      await clock.advanceSettling(1000);
      await settle();
    }
    // The last calls end; the log catches up.
    for (const call of sim.simulator.allCalls()) if (call.endedAt === null) sim.simulator.customerHangup(call.id);
    sim.simulator.faults.clear();
    for (let i = 0; i < 10; i += 1) {
      await clock.advanceSettling(1000);
      await settle();
    }
    const listed = await phone.dispatch('calls.list', {});
    if (listed.ok && (listed.value as CallView[]).some((c) => c.phase !== 'ended')) await clock.advanceSettling(5000);
    sample();
    // Pilot Status's calls: the simulator's, and the one its unknown-status fault puts in a list (recorded as it came).
    const simIds = new Set([...sim.simulator.allCalls().map((c) => c.id), 'call_unknown_status']);
    const logIds = new Set((db.prepare('SELECT id FROM calls').all() as { id: string }[]).map((r) => r.id));
    const afterWarmUp = samples.filter((s) => s.hour >= (options.warmUpHours ?? 1));
    const over = (pick: (s: SoakSample) => number) => slope(afterWarmUp.map((s) => [s.hour, pick(s)]));
    return {
      simulatedHours: options.simulatedHours,
      realSeconds: Math.round((performance.now() - started) / 1000),
      calls,
      polls,
      faults,
      samples,
      slopes: { heapMbPerHour: over((s) => s.heapMb), handlesPerHour: over((s) => s.handles), socketsPerHour: over((s) => s.sockets) },
      logRows: logIds.size,
      missingFromLog: [...simIds].filter((id) => id !== 'call_unknown_status' && !logIds.has(id)).length,
      extraInLog: [...logIds].filter((id) => !simIds.has(id)).length,
      secretsInLog: log.secretsSinceLastCheck(keys).length,
    };
  } finally {
    phone.stop();
    db.close();
    await sim.close();
    dir.remove();
  }
};
