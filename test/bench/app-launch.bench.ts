/**
 * app.launch_ms: process start → the first screen is interactive (the
 * window answers and shows the agent's lines, or the demo bar), median of 5,
 * browser host: the app's Node process, then its window in Chromium.
 * app.idle_pss_mib: the app's process tree (Node + Chromium) 20 s after
 * launch, by PSS, median of 3 launches, each beside an empty window
 * launched with it and sampled at the same moment.
 * Baseline in the same run, measured the same way: an empty page in a
 * Chromium window of its own. Both modes of the app: `live` (one line,
 * polling a simulator in this benchmark's process) and `demo` (no line:
 * the built-in simulator runs in the app).
 */
import { AsyncEntry } from '@napi-rs/keyring';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { keychainService } from '../../main/core/credentials/keychain-store';
import { DevtoolsPipe } from '../../main/web/devtools-pipe';
import { startSimulatorServer } from '../../main/simulator/sim-server';
import { Simulator } from '../../main/simulator/simulator';
import { repoRoot } from '../support/app-process';
import { chromiumExecutable } from '../support/chromium';
import { appChromiumSwitches } from '../../main/web/chromium';
import { treePssMib } from '../support/process-tree';
import { report } from './bench-result';

const runs = Number(process.env.BENCH_LAUNCH_N ?? 5);
const idleMs = Number(process.env.BENCH_IDLE_MS ?? 20_000);
/** Launches per kind for the idle memory: a heap's size at one moment depends on when its last collection ran. */
const idleRuns = Number(process.env.BENCH_IDLE_N ?? 3);

const simulator = new Simulator({ ringTimeoutMs: 60_000 });
const sim = await startSimulatorServer({ simulator, controlToken: randomBytes(8).toString('hex') });
const number = simulator.addNumber({ provider: 'EVO_GO' });
const empty = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Empty</title><body></body>'));
await new Promise<void>((done) => empty.listen(0, '127.0.0.1', done));
const emptyUrl = `http://127.0.0.1:${(empty.address() as AddressInfo).port}/`;

/** The same Chromium window for the app and the empty page: headless (this machine has no display), own profile. */
const openWindow = (profile: string) =>
  new DevtoolsPipe(chromiumExecutable, ['--headless=new', ...appChromiumSwitches(profile), '--window-size=1200,820']);

const waitFor = async (pipe: DevtoolsPipe, session: string, expression: string): Promise<void> => {
  const deadline = Date.now() + 30_000;
  while (!(await pipe.evaluate<boolean>(session, expression).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

interface Launched {
  launchMs: number;
  pids: number[];
  close(): Promise<void>;
}

const launchEmpty = async (): Promise<Launched> => {
  const profile = mkdtempSync(join(tmpdir(), 'pilot-bench-empty-'));
  const started = performance.now();
  const pipe = openWindow(profile);
  const session = await pipe.openPage(emptyUrl);
  await waitFor(pipe, session, "document.readyState === 'complete' && !!document.body");
  return {
    launchMs: performance.now() - started,
    pids: [pipe.child.pid!],
    close: async () => {
      await pipe.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

const launchApp = async (mode: 'live' | 'demo'): Promise<Launched> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilot-bench-launch-'));
  if (mode === 'live') {
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, locale: 'en', accounts: [{ id: 'line_bench', label: 'Bench line', provider: 'EVO_GO', baseUrl: sim.url }] }));
  }
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'dist/main/web.js'), '--no-open', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"ready"')) resolve((JSON.parse(line) as { ready: { url: string } }).ready.url);
    });
    child.once('exit', (code) => reject(new Error(`app exited with ${code}`)));
  });
  const pipe = openWindow(join(dataDir, 'chromium-profile'));
  const session = await pipe.openPage(url);
  // Live: the line is up (the status names a line only while it is in trouble); demo: the demo bar.
  const marker = mode === 'live' ? "!!document.querySelector('.line-status .status-item.ok')" : "!!document.querySelector('.badge.demo')";
  await waitFor(pipe, session, `${marker} && !document.querySelector('.banner.warn')`);
  return {
    launchMs: performance.now() - started,
    pids: [child.pid!, pipe.child.pid!],
    close: async () => {
      await pipe.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

await new AsyncEntry(keychainService, 'line_bench').setPassword(number.apiKey);
const launches: Record<'empty' | 'live' | 'demo', number[]> = { empty: [], live: [], demo: [] };
for (let i = 0; i < runs; i++) {
  // Interleaved, so a busy moment of the machine falls on all three alike.
  for (const kind of ['empty', 'live', 'demo'] as const) {
    const launched = kind === 'empty' ? await launchEmpty() : await launchApp(kind);
    launches[kind].push(launched.launchMs);
    await launched.close();
  }
  console.error(`app-launch: run ${i + 1}/${runs}`);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const mode of ['live', 'demo'] as const) {
  report('app.launch_ms', 'ms', launches[mode], { mode, baseline_empty_window_p50: Math.round(median(launches.empty)), over_baseline_ms: Math.round(median(launches[mode]) - median(launches.empty)) });
}

// Idle memory: the app and an empty window side by side, sampled at the same moment 20 s after launch. Chromium's
// shared pages are split among every process mapping them (other browsers on the machine too), so only windows
// measured together compare fairly.
const idle: Record<'live' | 'demo', { total: number[]; node: number[]; empty: number[] }> = { live: { total: [], node: [], empty: [] }, demo: { total: [], node: [], empty: [] } };
for (let i = 0; i < idleRuns; i++) {
  for (const mode of ['live', 'demo'] as const) {
    const empty = await launchEmpty();
    const app = await launchApp(mode);
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    idle[mode].total.push(treePssMib(...app.pids));
    idle[mode].node.push(treePssMib(app.pids[0]!));
    idle[mode].empty.push(treePssMib(...empty.pids));
    await app.close();
    await empty.close();
  }
  console.error(`app-launch: idle run ${i + 1}/${idleRuns}`);
}
const tenth = (value: number) => Math.round(value * 10) / 10;
for (const mode of ['live', 'demo'] as const) {
  const { total, node, empty } = idle[mode];
  report('app.idle_pss_mib', 'MiB', total, {
    mode,
    node_side_mib: tenth(median(node)),
    node_side_samples: node.map(tenth),
    window_mib: tenth(median(total.map((t, k) => t - node[k]!))),
    baseline_empty_window_mib: tenth(median(empty)),
    over_baseline_mib: tenth(median(total.map((t, k) => t - empty[k]!))),
  });
}

await new AsyncEntry(keychainService, 'line_bench').deletePassword().catch(() => undefined);
empty.close();
await sim.close();
