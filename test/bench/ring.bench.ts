/**
 * ring.event_to_view_ms: the ringing event leaves the core → the renderer has
 * drawn the incoming-call view (both stamps from the app's own log line).
 * ring.server_to_view_ms: the simulator marks the call ringing → the view is
 * drawn; bounded by the poll period, which the line names.
 * Baseline in the same run: a contract command's round trip (renderer → main
 * → renderer), the floor for anything the core tells the window.
 */
import { AsyncEntry } from '@napi-rs/keyring';
import { chromium } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keychainService } from '../../main/core/credentials/keychain-store';
import { startSimulatorServer } from '../../main/simulator/sim-server';
import { Simulator } from '../../main/simulator/simulator';
import { startApp } from '../support/app-process';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { report } from './bench-result';

const calls = Number(process.env.BENCH_RING_N ?? 200);
const pollIntervalMs = Number(process.env.BENCH_POLL_MS ?? 1000);

const simulator = new Simulator({ ringTimeoutMs: 60_000 });
const sim = await startSimulatorServer({ simulator, controlToken: randomBytes(8).toString('hex') });
const number = simulator.addNumber({ provider: 'EVO_GO' });
const ringingAt = new Map<string, number>();
simulator.on('call', ({ call, status, at }) => {
  if (status === 'RINGING') ringingAt.set(call.id, at);
});

// A profile with one line, its key in the (private) keychain, as after an agent's setup.
const dataDir = mkdtempSync(join(tmpdir(), 'pilot-bench-ring-'));
const lineId = 'line_bench';
writeFileSync(
  join(dataDir, 'settings.json'),
  JSON.stringify({ version: 1, locale: 'en', pollIntervalMs, accounts: [{ id: lineId, label: 'Bench', provider: 'EVO_GO', baseUrl: sim.url }] }),
);
await new AsyncEntry(keychainService, lineId).setPassword(number.apiKey);

const app = await startApp({ dataDir });
const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs() });
const page = await browser.newPage();
await page.goto(app.url);
await page.getByRole('status', { name: 'Line status' }).getByText('All lines connected').waitFor();

const shownLine = async (callId: string): Promise<{ eventToViewMs: number; shownAt: number }> => {
  for (;;) {
    const line = app.logLines().find((l) => l.msg === 'ringing view shown' && l.callId === callId);
    if (line) return line as unknown as { eventToViewMs: number; shownAt: number };
    await new Promise((r) => setTimeout(r, 10));
  }
};

// Round trips of a no-op command through the same socket, for scale.
const roundTrips = await page.evaluate(async () => {
  const samples: number[] = [];
  const ws = new WebSocket(`ws://${location.host}/contract`, ['pilot-contract.v1', `secret.${sessionStorage.getItem('pilot.secret')}`]);
  await new Promise((resolve) => (ws.onopen = resolve));
  for (let id = 1; id <= 200; id++) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      ws.onmessage = (m) => {
        if (JSON.parse(String(m.data)).id === id) resolve();
      };
      ws.send(JSON.stringify({ id, command: 'app.info', request: {} }));
    });
    samples.push(performance.now() - started);
  }
  ws.close();
  return samples;
});

const eventToView: number[] = [];
const serverToView: number[] = [];
for (let i = 0; i < calls; i++) {
  // Ring at a random moment of the poll cycle, so server→view samples the whole period.
  await new Promise((r) => setTimeout(r, Math.random() * pollIntervalMs));
  const call = simulator.incomingCall({ numberId: number.id, from: `+55119${String(70000000 + i)}` });
  const shown = await shownLine(call.id);
  eventToView.push(shown.eventToViewMs);
  serverToView.push(shown.shownAt - ringingAt.get(call.id)!);
  simulator.customerHangup(call.id);
  await page.getByRole('region', { name: /^Incoming call from/ }).waitFor({ state: 'detached' });
  if ((i + 1) % 25 === 0) console.error(`ring: ${i + 1}/${calls}`);
}

const baseline = report('ring.contract_round_trip_ms', 'ms', roundTrips);
const event = report('ring.event_to_view_ms', 'ms', eventToView, { goal_p95: 50 });
report('ring.event_to_view_ratio', 'x', [event.p50! / baseline.p50!], { note: 'event_to_view p50 / contract round trip p50' });
report('ring.server_to_view_ms', 'ms', serverToView, { poll_period_ms: pollIntervalMs, goal_p95: pollIntervalMs + 100 });

await browser.close();
await app.stop();
await sim.close();
await new AsyncEntry(keychainService, lineId).deleteCredential();
