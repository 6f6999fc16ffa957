/**
 * ui.ring_to_answerable_ms: the ringing event reaches the window → its Answer
 *   button is there, enabled and visible (so it can take the focus and a key).
 * ui.first_screen_js_gzip_kb: the JavaScript a compact window in Brazilian
 *   Portuguese loads to show its first screen, gzip level 9.
 * ui.history_js_gzip_kb: what opening History loads on top (its list, filters
 *   and charts).
 * Each is measured for this build and for a baseline build (BENCH_BASELINE_REF,
 * default `main`) in the same run, one after the other on the same machine.
 * Environment: BENCH_UI_N (default 100) calls per build.
 */
import { chromium, type Browser } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { startSimulatorServer } from '../../main/simulator/sim-server';
import { Simulator } from '../../main/simulator/simulator';
import { repoRoot, startApp } from '../support/app-process';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { preparedProfile } from '../support/profile';
import { report } from './bench-result';
import { baselineBuild } from './baseline-build';
import { installRingProbe, kilobytes, ringToAnswerable, scriptsLoaded } from './ui-probe';

const calls = Number(process.env.BENCH_UI_N ?? 100);
const simulator = new Simulator({ ringTimeoutMs: 60_000 });
const sim = await startSimulatorServer({ simulator, controlToken: randomBytes(8).toString('hex') });
const number = simulator.addNumber({ provider: 'EVO_GO' });
const baseline = baselineBuild();
const browser: Browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs() });

interface Measured {
  ringToAnswerable: number[];
  firstScreen: { file: string; gzipBytes: number }[];
  history: { file: string; gzipBytes: number }[];
}

const measure = async (root: string, lineId: string): Promise<Measured> => {
  const profile = await preparedProfile([{ id: lineId, label: 'Suporte', provider: 'EVO_GO', baseUrl: sim.url, apiKey: number.apiKey }], { locale: 'pt-BR' });
  const app = await startApp({ root, dataDir: profile.dataDir });
  const page = await browser.newPage({ viewport: { width: 380, height: 640 } });
  await installRingProbe(page, 'Atender');
  const firstScreen = await scriptsLoaded(page, async () => {
    await page.goto(app.url);
    await page.getByRole('status', { name: 'Estado das linhas' }).getByText('Todas as linhas conectadas').waitFor();
    await page.waitForLoadState('networkidle');
  });
  const history = await scriptsLoaded(page, async () => {
    const tab = page.getByRole('tab', { name: 'Histórico' });
    // The baseline shows its history on the first screen already: nothing more to load.
    if (await tab.count()) await tab.click();
    await page.getByRole('heading', { name: 'Histórico de chamadas' }).waitFor();
    await page.waitForLoadState('networkidle');
  });
  if (await page.getByRole('tab', { name: 'Telefone' }).count()) await page.getByRole('tab', { name: 'Telefone' }).click();
  for (let i = 0; i < calls; i++) {
    const call = simulator.incomingCall({ numberId: number.id, from: `+55119${String(71000000 + i)}` });
    await page.getByRole('button', { name: 'Atender', exact: true }).waitFor();
    simulator.customerHangup(call.id);
    await page.getByRole('button', { name: 'Atender', exact: true }).waitFor({ state: 'detached' });
    if ((i + 1) % 25 === 0) console.error(`ui: ${root === repoRoot ? 'this build' : 'baseline'} ${i + 1}/${calls}`);
  }
  const samples = await ringToAnswerable(page);
  await page.close();
  await app.stop();
  await profile.forget();
  return { ringToAnswerable: samples, firstScreen, history };
};

const before = await measure(baseline.root, 'line_bench_baseline');
const now = await measure(repoRoot, 'line_bench_current');
const of = { baseline: `${baseline.ref} ${baseline.commit.slice(0, 12)}` };

const ring = report('ui.ring_to_answerable_ms', 'ms', now.ringToAnswerable, { goal_p95: 50 });
const ringBefore = report('ui.ring_to_answerable_ms.baseline', 'ms', before.ringToAnswerable, of);
report('ui.ring_to_answerable_ratio', 'x', [ring.p50! / ringBefore.p50!], { note: 'this build p50 / baseline p50' });
report('ui.first_screen_js_gzip_kb', 'KB', [kilobytes(now.firstScreen)], { goal: 120, files: now.firstScreen.map((f) => f.file) });
report('ui.first_screen_js_gzip_kb.baseline', 'KB', [kilobytes(before.firstScreen)], { ...of, files: before.firstScreen.map((f) => f.file) });
report('ui.history_js_gzip_kb', 'KB', [kilobytes(now.history)], { files: now.history.map((f) => f.file) });
report('ui.history_js_gzip_kb.baseline', 'KB', [kilobytes(before.history)], { ...of, note: 'the baseline loads its history with the first screen' });

await browser.close();
await sim.close();
