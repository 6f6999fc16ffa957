/**
 * headset.button_to_answer_ms: a headset's hook-switch input report reaches
 * the window → the answer request leaves it on the contract socket (both
 * stamps in the page: the stand-in device stamps the report it delivers, the
 * socket's `send` stamps the `calls.answer` frame). Goal: p95 < 20 ms.
 * Baseline in the same run, alternating call by call:
 * headset.click_to_answer_ms, the Answer button clicked → the same request.
 * The browser host, a real web-number call from the simulator, a Jabra Link
 * 380c stood in at the WebHID boundary with its recorded descriptor.
 */
import { AsyncEntry } from '@napi-rs/keyring';
import { chromium, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keychainService } from '../../main/core/credentials/keychain-store';
import { startSimulatorServer } from '../../main/simulator/sim-server';
import { Simulator } from '../../main/simulator/simulator';
import { jabraLink380c } from '../fixtures/hid';
import { hid, installHidStandIn, pageScript } from '../e2e/webhid-stand-in';
import { startApp } from '../support/app-process';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { report } from './bench-result';

const rounds = Number(process.env.BENCH_HEADSET_N ?? 30);

const simulator = new Simulator({ ringTimeoutMs: 60_000 });
const sim = await startSimulatorServer({ simulator, controlToken: randomBytes(8).toString('hex') });
const number = simulator.addNumber({ provider: 'EVO_GO' });

// A profile with one web line and the Jabra chosen, as after an agent's setup; the browser remembers the pairing.
const dataDir = mkdtempSync(join(tmpdir(), 'pilot-bench-headset-'));
const lineId = 'line_bench_headset';
const headset = { vendorId: jabraLink380c.vendorId, productId: jabraLink380c.productId, productName: jabraLink380c.productName };
writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, locale: 'en', accounts: [{ id: lineId, label: 'Bench', provider: 'EVO_GO', baseUrl: sim.url }], headset }));
await new AsyncEntry(keychainService, lineId).setPassword(number.apiKey);

const app = await startApp({ dataDir });
const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs() });
// Whatever happens, the app, the browser and the simulator stop and the key leaves the keychain.
try {
  const page = await browser.newPage();
  await installHidStandIn(page, { headsets: [jabraLink380c], granted: [jabraLink380c] });
  // Stamps every answer request as it leaves on the contract socket.
  await page.addInitScript(pageScript(() => {
    const stamps: number[] = [];
    (window as unknown as { __answerSent: number[] }).__answerSent = stamps;
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (this: WebSocket, data) {
      if (typeof data === 'string' && data.includes('"command":"calls.answer"')) stamps.push(performance.now());
      return send.call(this, data);
    };
  }, null));
  await page.goto(app.url);
  await page.getByRole('status', { name: 'Line status' }).getByText('All lines connected').waitFor();
  await page.getByRole('region', { name: 'Headset' }).getByText('Jabra Link 380c is connected').waitFor();

  const answersSent = (p: Page) => p.evaluate(() => (window as unknown as { __answerSent: number[] }).__answerSent.slice());
  const nextAnswerStamp = async (before: number): Promise<number> => {
    for (const until = Date.now() + 30_000; Date.now() < until; ) {
      const stamps = await answersSent(page);
      if (stamps.length > before) return stamps[before]!;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('no answer request left the window within 30 s');
  };

  const byHeadset: number[] = [];
  const byClick: number[] = [];
  for (let i = 0; i < rounds * 2; i++) {
    const call = simulator.incomingCall({ numberId: number.id, from: `+55119${String(71000000 + i)}` });
    const ringing = page.getByRole('region', { name: /^Incoming call from/ });
    await ringing.getByRole('button', { name: 'Answer' }).waitFor();
    const before = (await answersSent(page)).length;
    const useHeadset = i % 2 === 0;
    let pressedAt: number;
    if (useHeadset) {
      await hid.input(page, jabraLink380c, 2, [0x01, 0x00]);
      pressedAt = (await hid.inputsAt(page)).at(-1)!;
    } else {
      pressedAt = await page.evaluate(() => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Answer')!;
        const at = performance.now();
        button.click();
        return at;
      });
    }
    const sentAt = await nextAnswerStamp(before);
    (useHeadset ? byHeadset : byClick).push(sentAt - pressedAt);
    await page.getByRole('region', { name: /^Call with / }).getByRole('button', { name: 'Hang up' }).waitFor();
    // Hung up on screen either way: the headset's on-hook within 2.5 s of its answer is Jabra's revert, not a hang-up.
    await page.getByRole('button', { name: 'Hang up' }).click();
    if (useHeadset) await hid.input(page, jabraLink380c, 2, [0x00, 0x00]);
    for (const until = Date.now() + 30_000; simulator.call(call.id)?.endedAt == null; ) {
      if (Date.now() > until) throw new Error(`call ${call.id} did not end within 30 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await page.getByRole('button', { name: 'Hang up' }).waitFor({ state: 'detached' });
    if ((i + 1) % 10 === 0) console.error(`headset: ${i + 1}/${rounds * 2}`);
  }

  const click = report('headset.click_to_answer_ms', 'ms', byClick, { note: 'baseline: the Answer button clicked in the page' });
  const button = report('headset.button_to_answer_ms', 'ms', byHeadset, { goal_p95: 20, device: jabraLink380c.productName });
  report('headset.button_to_click_ratio', 'x', [button.p50! / click.p50!], { note: 'button_to_answer p50 / click_to_answer p50' });
} finally {
  await browser.close();
  await app.stop();
  await sim.close();
  await new AsyncEntry(keychainService, lineId).deleteCredential();
}
