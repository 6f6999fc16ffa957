/**
 * meta.answer_to_audio_ms: the agent clicks Answer on a ringing META call that
 * was pre-accepted → the first decoded inbound audio plays at the agent (both
 * stamps taken in the renderer; the app logs them as "first inbound audio").
 * meta.answer_to_audio_no_preaccept_ms: the same with pre-accept turned off,
 * measured in the same run, so the gain shows as a ratio.
 *
 * Real parts: the built browser host, Debian's Chromium with a fake
 * microphone, the simulator's WhatsApp phone (werift) sending a tone once the
 * call is accepted, as WhatsApp forwards media only after accept.
 */
import { AsyncEntry } from '@napi-rs/keyring';
import { chromium } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keychainService } from '../../main/core/credentials/keychain-store';
import { startSimulatorServer } from '../../main/simulator/sim-server';
import { Simulator } from '../../main/simulator/simulator';
import { startApp } from '../support/app-process';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { toneWav } from '../support/tone-wav';
import { report } from './bench-result';

const calls = Number(process.env.BENCH_META_N ?? 30);
/**
 * How long each call rings before the click, like agents who react at
 * different speeds: spread over 1–4 s (the same sequence for both runs).
 * Without pre-accept the result depends on it, since ICE and DTLS retry on
 * their own timers while nothing answers them.
 */
const ringMin = Number(process.env.BENCH_META_RING_MIN_MS ?? 1000);
const ringMax = Number(process.env.BENCH_META_RING_MAX_MS ?? 4000);
const ringDelays = (() => {
  let seed = 20_260_105;
  return Array.from({ length: calls }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.round(ringMin + (seed / 2 ** 31) * (ringMax - ringMin));
  });
})();

const simulator = new Simulator({ ringTimeoutMs: 60_000 });
const sim = await startSimulatorServer({ simulator, controlToken: randomBytes(8).toString('hex') });
const number = simulator.addNumber({ provider: 'META' });

const dataDir = mkdtempSync(join(tmpdir(), 'pilot-bench-meta-'));
const lineId = 'line_bench_meta';
writeFileSync(
  join(dataDir, 'settings.json'),
  JSON.stringify({ version: 1, locale: 'en', pollIntervalMs: 250, preAccept: true, accounts: [{ id: lineId, label: 'Bench', provider: 'META', baseUrl: sim.url }] }),
);
await new AsyncEntry(keychainService, lineId).setPassword(number.apiKey);

const app = await startApp({ dataDir });
const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs([`--use-file-for-fake-audio-capture=${toneWav(1000)}`]) });
const page = await browser.newPage();
await page.goto(app.url);
await page.getByRole('status', { name: 'Line status' }).getByText('All lines connected').waitFor();

const firstAudio = async (callId: string): Promise<{ answerToAudioMs: number; preAccepted: boolean }> => {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const line = app.logLines().find((l) => l.msg === 'first inbound audio' && l.callId === callId);
    if (line) return line as unknown as { answerToAudioMs: number; preAccepted: boolean };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no first inbound audio logged for ${callId}`);
};

const run = async (preAccept: boolean): Promise<number[]> => {
  const checkbox = page.getByRole('checkbox', { name: 'Connect the audio while a Meta call rings (pre-accept)' });
  if ((await checkbox.isChecked()) !== preAccept) await checkbox.click();
  // The core has the setting once it is in the settings file.
  while ((JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { preAccept: boolean }).preAccept !== preAccept) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const call = await simulator.meta.incomingCall({ numberId: number.id, from: `+55119${String(80000000 + i + (preAccept ? 0 : 5000))}`, audio: { kind: 'tone', hz: 660 } });
    const ringing = page.getByRole('region', { name: /^Incoming call from/ });
    await ringing.waitFor();
    await new Promise((r) => setTimeout(r, ringDelays[i]));
    if (preAccept !== (simulator.call(call.id)!.preAcceptSdp !== null)) throw new Error(`call ${i}: pre-accept ${preAccept ? 'missing' : 'unexpected'}`);
    await ringing.getByRole('button', { name: 'Answer' }).click();
    const measured = await firstAudio(call.id);
    if (measured.preAccepted !== preAccept) throw new Error(`call ${i}: the app says preAccepted=${measured.preAccepted}`);
    samples.push(measured.answerToAudioMs);
    simulator.customerHangup(call.id);
    await page.getByRole('region', { name: /ended$/ }).first().waitFor();
    await page.locator('audio[data-call-audio]').waitFor({ state: 'detached' });
    if ((i + 1) % 10 === 0) console.error(`meta ${preAccept ? 'pre-accept' : 'no pre-accept'}: ${i + 1}/${calls}`);
  }
  return samples;
};

const withPreAccept = await run(true);
const without = await run(false);
const ringing = `${ringMin}-${ringMax}`;
const pre = report('meta.answer_to_audio_ms', 'ms', withPreAccept, { goal_p95: 150, pre_accept: true, ring_before_click_ms: ringing });
const base = report('meta.answer_to_audio_no_preaccept_ms', 'ms', without, { pre_accept: false, ring_before_click_ms: ringing });
report('meta.answer_to_audio_ratio', 'x', [pre.p50! / base.p50!], { note: 'p50 with pre-accept / p50 without (same run)' });

await browser.close();
await app.stop();
await sim.close();
await new AsyncEntry(keychainService, lineId).deleteCredential();
