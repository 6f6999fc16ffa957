import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outcomeOf } from '../../main/core/pilot/call-outcome';
import { startApp, type AppProcess } from '../support/app-process';
import { openCallLogFile, queryCallLog } from '../support/call-log-file';
import { connectContract, type ContractClient } from '../support/contract-client';
import { generateHistory, generatedLines } from '../support/history-generator';
import { expect, test } from './fixtures';

/**
 * The call log survives SIGKILL: 20 cycles, each killing the app once during
 * a call (ringing or talking) and once during a CSV export of a 100,000-call
 * log. Between kills, calls end and others ring and are missed while the
 * app is down. At the end: every call Pilot Status has is in the log exactly
 * once with its final outcome, the pre-existing rows are byte-for-byte what
 * they were, `integrity_check` is ok, and no export was left looking finished
 * when it was not.
 */
const cycles = 20;
const seeded = 100_000;

/** The seeded rows are on the generator's lines; the calls of this test are on the line it adds. */
const seededLines = generatedLines.map((line) => `'${line.id}'`).join(', ');

const openDb = openCallLogFile;

/** A fingerprint of the seeded rows: every column of every row, hashed in order. */
const seededFingerprint = (dataDir: string): string => {
  const db = openDb(dataDir);
  try {
    const hash = createHash('sha256');
    for (const row of db.prepare(`SELECT * FROM calls WHERE account_id IN (${seededLines}) ORDER BY seq`).iterate()) {
      hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
};

const logRow = (dataDir: string, id: string) =>
  queryCallLog<{ id: string; outcome: string | null; remote_status: string } | undefined>(dataDir, 'SELECT id, outcome, remote_status FROM calls WHERE id = ?', id);

test('no call is lost or damaged when the app is killed 20 times during calls and exports', async ({ sim }) => {
  test.setTimeout(15 * 60_000);
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
  let exportsCutShort = 0;

  try {
    const first = await launch();
    const added = await first.contract.call('accounts.add', { label: 'Suporte', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url });
    expect(added.ok).toBe(true);
    await first.contract.call('settings.update', { pollIntervalMs: 250 });
    let caller = 0;

    for (let cycle = 0; cycle < cycles; cycle += 1) {
      const client = running.contract ?? (await launch()).contract;
      // A call rings; on even cycles the agent answers and the app dies mid-conversation, on odd ones it dies while ringing.
      const ringing = sim.simulator.incomingCall({ numberId: number.id, from: `+5511987${String(100000 + caller++)}` });
      await client.waitFor('calls.changed', (view) => view.id === ringing.id && view.phase === 'ringing');
      if (cycle % 2 === 0) {
        expect((await client.call('calls.answer', { callId: ringing.id })).ok).toBe(true);
        await client.waitFor('calls.changed', (view) => view.id === ringing.id && view.phase === 'connected');
      }
      await kill();

      // While the app is down: that call ends, and another rings and is missed.
      sim.simulator.customerHangup(ringing.id);
      const missedWhileDown = sim.simulator.incomingCall({ numberId: number.id, from: `+5521998${String(100000 + caller++)}` });
      sim.simulator.customerHangup(missedWhileDown.id);

      const { contract: again } = await launch();
      await expect
        .poll(() => [logRow(dataDir, ringing.id)?.outcome, logRow(dataDir, missedWhileDown.id)?.outcome], { timeout: 20_000 })
        .toEqual([cycle % 2 === 0 ? 'answered' : 'missed', 'missed']);

      // An export of the whole log starts; the app dies while it writes.
      const started = await again.call('history.export', {});
      expect(started.ok && started.value.state).toBe('running');
      const path = started.ok ? started.value.path : '';
      await again.waitFor('history.exportProgress', (p) => p.written > 0 || p.state !== 'running').catch(() => undefined);
      await kill();
      // A file under the export's final name exists only if complete.
      if (existsSync(path)) expect(readFileSync(path, 'utf8').trimEnd().split('\n').length).toBe(seeded + 2 * (cycle + 1) + 1);
      else exportsCutShort += 1;
      expect(readdirSync(dataDir).filter((name) => name.includes('damaged'))).toEqual([]);
    }

    // One last start: reconciliation has nothing left to add, and everything is checked with the app stopped.
    // Most kills must really have hit an export mid-write, or this test proves little about exports.
    expect(exportsCutShort).toBeGreaterThanOrEqual(cycles / 2);
    const last = await launch();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    last.contract.close();
    await last.app.stop();
    Object.assign(running, { app: null, contract: null });

    const db = openDb(dataDir);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const simCalls = sim.simulator.allCalls().filter((c) => c.numberId === number.id);
      expect(simCalls).toHaveLength(cycles * 2);
      const rows = db.prepare(`SELECT id, outcome, remote_status, duration_seconds FROM calls WHERE account_id NOT IN (${seededLines})`).all() as {
        id: string;
        outcome: string;
        remote_status: string;
      }[];
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const call of simCalls) {
        expect(byId.get(call.id), call.id).toMatchObject({ outcome: outcomeOf(call), remote_status: call.status });
      }
      expect(db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: seeded + cycles * 2 });
    } finally {
      db.close();
    }
    expect(seededFingerprint(dataDir)).toBe(fingerprint);
    expect(readdirSync(join(dataDir, 'exports')).filter((name) => name.endsWith('.part'))).toEqual([]);
  } finally {
    running.contract?.close();
    await running.app?.stop();
  }
});
