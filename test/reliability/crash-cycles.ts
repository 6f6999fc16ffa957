import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outcomeOf } from '../../main/core/pilot/call-outcome';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import { startApp, type AppProcess } from '../support/app-process';
import { openCallLogFile, queryCallLog } from '../support/call-log-file';
import { connectContract, type ContractClient } from '../support/contract-client';
import { generateHistory, generatedLines } from '../support/history-generator';

export interface CrashReport {
  /** SIGKILLs while a call rang or was talking / while an export was writing. */
  midCallKills: number;
  exportKills: number;
  /** Exports whose file was not there under its final name after the kill (cut short, as they should be). */
  exportsCutShort: number;
  /** Exports that left a file under the final name that was not complete (should be 0). */
  exportsIncomplete: number;
  /** Calls Pilot Status has that the log lacks or holds with another outcome or status, after the last start (should be 0). */
  recordsLost: number;
  recordsWrong: number;
  /** Rows of the log that existed before any kill whose contents changed (should be 0). */
  seededChanged: boolean;
  integrity: string;
  /** Damaged-log recoveries the app went through (should be 0: a kill must not damage the file). */
  setAside: number;
  leftoverParts: number;
  totalRows: number;
  expectedRows: number;
  seconds: number;
}

/** The seeded rows are on the generator's lines; the calls of the run are on the line it adds. */
const seededLines = generatedLines.map((line) => `'${line.id}'`).join(', ');

const seededFingerprint = (dataDir: string): string => {
  const db = openCallLogFile(dataDir);
  try {
    const hash = createHash('sha256');
    for (const row of db.prepare(`SELECT * FROM calls WHERE account_id IN (${seededLines}) ORDER BY seq`).iterate()) hash.update(JSON.stringify(row));
    return hash.digest('hex');
  } finally {
    db.close();
  }
};

const outcomeIn = (dataDir: string, id: string): string | null | undefined =>
  queryCallLog<{ outcome: string | null } | undefined>(dataDir, 'SELECT outcome FROM calls WHERE id = ?', id)?.outcome;

const until = async (check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/**
 * The call log against SIGKILL, through the built browser host as a real
 * process: each cycle a customer calls, the agent answers (every other
 * cycle) or it still rings, and the app is killed; while it is down that call
 * ends and another rings and is missed; the next start must reconcile both
 * from `GET /v1/calls`. Every `exportKillEvery` cycles the app is also killed
 * in the middle of a CSV export of the whole (seeded) log. At the end, with
 * the app stopped: every call Pilot Status has is in the log once with its
 * outcome, the seeded rows are byte for byte what they were, `integrity_check`
 * is ok, nothing was set aside as damaged, and no export looks finished that
 * is not. Build first (`node scripts/build.mjs`).
 */
export const runCrashCycles = async (options: { sim: RunningSimulator; midCallKills: number; exportKillEvery: number; seeded?: number }): Promise<CrashReport> => {
  const started = performance.now();
  const { sim } = options;
  const seeded = options.seeded ?? 100_000;
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  const dataDir = mkdtempSync(join(tmpdir(), 'pilot-durability-'));
  generateHistory(join(dataDir, 'call-log.sqlite'), { count: seeded, seed: 5 }).close();
  const fingerprint = seededFingerprint(dataDir);
  const running: { app: AppProcess | null; contract: ContractClient | null } = { app: null, contract: null };
  const launch = async () => {
    const app = await startApp({ dataDir, args: ['--no-demo'] });
    const contract = await connectContract(app);
    Object.assign(running, { app, contract });
    return { app, contract };
  };
  const kill = async () => {
    running.contract?.close();
    await running.app?.kill('SIGKILL');
    Object.assign(running, { app: null, contract: null });
  };
  const report = { midCallKills: 0, exportKills: 0, exportsCutShort: 0, exportsIncomplete: 0 };
  let caller = 0;
  let exported = 0;
  try {
    const first = await launch();
    const added = await first.contract.call('accounts.add', { label: 'Suporte', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url });
    if (!added.ok) throw new Error(added.error.message);
    await first.contract.call('settings.update', { pollIntervalMs: 250 });

    for (let cycle = 0; cycle < options.midCallKills; cycle += 1) {
      const client = running.contract ?? (await launch()).contract;
      const ringing = sim.simulator.incomingCall({ numberId: number.id, from: `+5511987${String(100000 + caller++)}` });
      await client.waitFor('calls.changed', (view) => view.id === ringing.id && view.phase === 'ringing');
      if (cycle % 2 === 0) {
        const answered = await client.call('calls.answer', { callId: ringing.id });
        if (!answered.ok) throw new Error(`answer failed: ${answered.error.code}`);
        await client.waitFor('calls.changed', (view) => view.id === ringing.id && view.phase === 'connected');
      }
      await kill();
      report.midCallKills += 1;

      // While the app is down: that call ends, and another rings and is missed.
      sim.simulator.customerHangup(ringing.id);
      const missedWhileDown = sim.simulator.incomingCall({ numberId: number.id, from: `+5521998${String(100000 + caller++)}` });
      sim.simulator.customerHangup(missedWhileDown.id);

      const { contract: again } = await launch();
      const expected = [cycle % 2 === 0 ? 'answered' : 'missed', 'missed'];
      await until(() => outcomeIn(dataDir, ringing.id) === expected[0] && outcomeIn(dataDir, missedWhileDown.id) === expected[1], `cycle ${cycle} reconciled`);

      if ((cycle + 1) % options.exportKillEvery === 0) {
        // An export of the whole log starts; the app dies while it writes.
        const export_ = await again.call('history.export', {});
        if (!export_.ok) throw new Error(`export failed: ${export_.error.code}`);
        const path = export_.value.path;
        await again.waitFor('history.exportProgress', (p) => p.written > 0 || p.state !== 'running').catch(() => undefined);
        await kill();
        report.exportKills += 1;
        exported += 1;
        // A file under the export's final name exists only if complete.
        if (!existsSync(path)) report.exportsCutShort += 1;
        else if (readFileSync(path, 'utf8').trimEnd().split('\n').length !== seeded + 2 * (cycle + 1) + 1) report.exportsIncomplete += 1;
      }
    }
    // One last start: reconciliation has nothing left to add; everything is checked with the app stopped.
    const last = running.contract ? running : await launch();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    last.contract?.close();
    await last.app?.stop();
    Object.assign(running, { app: null, contract: null });

    const db = openCallLogFile(dataDir);
    try {
      const integrity = String(db.pragma('integrity_check', { simple: true }));
      const simCalls = sim.simulator.allCalls().filter((c) => c.numberId === number.id);
      const rows = db.prepare(`SELECT id, outcome, remote_status FROM calls WHERE account_id NOT IN (${seededLines})`).all() as { id: string; outcome: string; remote_status: string }[];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const totalRows = (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
      return {
        ...report,
        recordsLost: simCalls.filter((call) => !byId.has(call.id)).length,
        recordsWrong: simCalls.filter((call) => byId.has(call.id) && (byId.get(call.id)!.outcome !== outcomeOf(call) || byId.get(call.id)!.remote_status !== call.status)).length,
        seededChanged: seededFingerprint(dataDir) !== fingerprint,
        integrity,
        setAside: readdirSync(dataDir).filter((name) => name.includes('damaged')).length,
        leftoverParts: exported > 0 ? readdirSync(join(dataDir, 'exports')).filter((name) => name.endsWith('.part')).length : 0,
        totalRows,
        expectedRows: seeded + simCalls.length,
        seconds: Math.round((performance.now() - started) / 1000),
      };
    } finally {
      db.close();
    }
  } finally {
    running.contract?.close();
    await running.app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
