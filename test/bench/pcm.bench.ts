/**
 * Web-number (EVO_GO) audio path, measured on one real call through the
 * browser host in Debian Chromium against the simulator at its defaults
 * (16 kHz, 20 ms frames, up to 10 ms of network jitter):
 *
 * - pcm.mic_to_socket_ms: the first sample of a 20 ms frame enters the
 *   capture worklet → that frame is written to the realtime socket. It
 *   includes the 20 ms the frame takes to fill (the wire format's own
 *   floor). Chromium hands the worklet capture audio in bursts about 10 ms
 *   apart, so a frame's first sample is seen 10, 20 or 30 ms before its last
 *   (`frames_by_10ms_band` shows the split); those even out over the call,
 *   so the mean minus the 20 ms frame is the app's own processing time.
 * - pcm.socket_to_speaker_ms: a frame comes off the realtime socket → it is
 *   in the playback worklet's queue for the speaker; the jitter buffer's
 *   deliberate hold is reported apart (pcm.jitter_buffer_ms) and summed in
 *   `with_jitter_buffer_p50`.
 * - pcm.jitter_buffer_ms: depth of the jitter buffer, sampled every 20 ms.
 * - pcm.cpu_pct: CPU of the app process plus every Chromium process while a
 *   call runs, minus the same with the window open and no call (the baseline
 *   measured in this run), as % of one core, with the split by process and,
 *   for the app, the renderer and Chromium's audio service, by thread (which
 *   separates Chromium's own capture, echo cancellation and output from the
 *   app's worklet, relays and sockets).
 * - meta.cpu_pct: the same for a Meta (WebRTC) call on the same app and
 *   window, in the same run, after the web call ended (the customer's phone,
 *   like the simulator's realtime server, runs in this process and is not
 *   counted); pcm.cpu_vs_meta_ratio: pcm.cpu_pct / meta.cpu_pct.
 * - pcm.dsp_cpu_pct: the resamplers and jitter buffer alone in Node, for
 *   scale: % of one core to process a second of audio both ways.
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
import { JitterBuffer } from '../../renderer/src/lib/media/dsp/jitter-buffer';
import { Resampler } from '../../renderer/src/lib/media/dsp/resampler';
import { sine } from '../support/audio-analysis';
import { startApp } from '../support/app-process';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { toneWav } from '../support/tone-files';
import { report } from './bench-result';
import { addedByProcess, callCpuMeter } from './call-cpu';

const callSeconds = Number(process.env.BENCH_PCM_SECONDS ?? 20);
const idleSeconds = Number(process.env.BENCH_PCM_IDLE_SECONDS ?? 10);
const round = (value: number) => Math.round(value * 100) / 100;

// ---- pure DSP cost, no browser
const dspCpuPct = (() => {
  const seconds = 20;
  const deviceRate = 48_000;
  const capture = new Resampler(deviceRate, 16_000);
  const playback = new Resampler(16_000, deviceRate);
  const jitter = new JitterBuffer({ sampleRate: deviceRate });
  const quantum = sine(440, deviceRate, 128);
  const frame = sine(1000, 16_000, 320);
  const scratchDown = new Float32Array(capture.maxOutput(128));
  const scratchUp = new Float32Array(playback.maxOutput(320));
  const out = new Float32Array(128);
  const started = process.cpuUsage();
  for (let q = 0, f = 0; q < (seconds * deviceRate) / 128; q++) {
    capture.process(quantum, scratchDown);
    if (q * 128 >= f * 960) {
      jitter.push(scratchUp.subarray(0, playback.process(frame, scratchUp)));
      f++;
    }
    jitter.pull(out);
  }
  const used = process.cpuUsage(started);
  return ((used.user + used.system) / 1000 / (seconds * 1000)) * 100;
})();

// ---- the real call
const simulator = new Simulator({ ringTimeoutMs: 60_000 });
const sim = await startSimulatorServer({ simulator, controlToken: randomBytes(8).toString('hex') });
simulator.media.defaultVoice = { kind: 'tone', frequency: 1000 };
const number = simulator.addNumber({ provider: 'EVO_GO' });
const metaNumber = simulator.addNumber({ provider: 'META' });

const dataDir = mkdtempSync(join(tmpdir(), 'pilot-bench-pcm-'));
const lineId = 'line_bench_pcm';
const metaLineId = 'line_bench_meta_cpu';
writeFileSync(
  join(dataDir, 'settings.json'),
  JSON.stringify({
    version: 1,
    locale: 'en',
    pollIntervalMs: 1000,
    accounts: [
      { id: lineId, label: 'Bench web', provider: 'EVO_GO', baseUrl: sim.url },
      { id: metaLineId, label: 'Bench Meta', provider: 'META', baseUrl: sim.url },
    ],
  }),
);
await new AsyncEntry(keychainService, lineId).setPassword(number.apiKey);
await new AsyncEntry(keychainService, metaLineId).setPassword(metaNumber.apiKey);

const app = await startApp({ dataDir });
// Whatever happens below, the app and the simulator do not outlive the benchmark.
process.on('exit', () => app.child.kill('SIGKILL'));
const microphone = toneWav('bench-mic', 440, { amplitude: 0.3 });
const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs([`--use-file-for-fake-audio-capture=${microphone}`]) });
const page = await browser.newPage();
await page.goto(app.url);
await page.getByRole('status', { name: 'Line status' }).getByText('All lines connected').waitFor();

const meter = await callCpuMeter(browser, app.child.pid!);

console.error(`pcm: idle baseline ${idleSeconds} s`);
const idlePct = await meter.over(idleSeconds);


const call = simulator.incomingCall({ numberId: number.id, from: '+5511987650009' });
await page.getByRole('region', { name: /^Incoming call from/ }).getByRole('button', { name: 'Answer' }).click();
await page.getByRole('status').filter({ hasText: 'Audio connected' }).waitFor();
await new Promise((r) => setTimeout(r, 2000));
console.error(`pcm: call ${callSeconds} s`);
const callPct = await meter.over(callSeconds);
await page.getByRole('button', { name: 'Hang up' }).click();


interface Summary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  byTenMs: number[];
}
let ended: { micToSocketMs: Summary; socketToSpeakerMs: Summary; jitterBufferMs: Summary; playback: { underruns: number; concealedMs: number; playedMs: number } } | undefined;
for (let i = 0; i < 100 && !ended; i++) {
  ended = app.logLines().find((l) => l.msg === 'web audio ended' && l.callId === call.id) as typeof ended;
  if (!ended) await new Promise((r) => setTimeout(r, 50));
}
if (!ended) throw new Error('the app logged no "web audio ended" line');

const line = (name: string, unit: string, summary: Summary, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ name, unit, n: summary.n, p50: summary.p50, p95: summary.p95, ...extra }));

const framingMs = 20;
const bandShares = (summary: Summary) =>
  Object.fromEntries(summary.byTenMs.map((count, band) => [`${band * 10}-${band * 10 + 10}`, round(count / summary.n)]).filter(([, share]) => share !== 0));
line('pcm.mic_to_socket_ms', 'ms', ended.micToSocketMs, {
  mean: ended.micToSocketMs.mean,
  framing_ms: framingMs,
  processing_mean: round(ended.micToSocketMs.mean - framingMs),
  frames_by_10ms_band: bandShares(ended.micToSocketMs),
  goal_p95: 30,
});
line('pcm.socket_to_speaker_ms', 'ms', ended.socketToSpeakerMs, {
  with_jitter_buffer_p50: round(ended.socketToSpeakerMs.p50 + ended.jitterBufferMs.p50),
  goal_p95: 30,
});
line('pcm.jitter_buffer_ms', 'ms', ended.jitterBufferMs, {
  sim_jitter_ms: simulator.media.config.jitterMs,
  underruns: ended.playback.underruns,
  concealed_pct: round((ended.playback.concealedMs / Math.max(1, ended.playback.playedMs + ended.playback.concealedMs)) * 100),
});
report('pcm.cpu_pct', '% of one core', [callPct.total - idlePct.total], {
  call_pct: round(callPct.total),
  idle_baseline_pct: round(idlePct.total),
  added_by_process: addedByProcess(callPct, idlePct),
  call_by_thread: callPct.byThread,
  seconds: callSeconds,
  goal: 5,
});

// ---- a Meta (WebRTC) call on the same app and window, measured the same way
await page.getByRole('region', { name: /ended$/ }).first().waitFor();
await new Promise((r) => setTimeout(r, 2000));
console.error(`meta: call ${callSeconds} s`);
const metaCall = await simulator.meta.incomingCall({ numberId: metaNumber.id, from: '+5511987650010', audio: { kind: 'tone', hz: 1000 } });
await page.getByRole('region', { name: /^Incoming call from/ }).getByRole('button', { name: 'Answer' }).click();
for (let i = 0; i < 400 && !app.logLines().some((l) => l.msg === 'first inbound audio' && l.callId === metaCall.id); i++) await new Promise((r) => setTimeout(r, 50));
if (!app.logLines().some((l) => l.msg === 'first inbound audio' && l.callId === metaCall.id)) throw new Error('the Meta call never played audio');
await new Promise((r) => setTimeout(r, 2000));
const metaPct = await meter.over(callSeconds);
simulator.customerHangup(metaCall.id);
report('meta.cpu_pct', '% of one core', [metaPct.total - idlePct.total], {
  call_pct: round(metaPct.total),
  idle_baseline_pct: round(idlePct.total),
  added_by_process: addedByProcess(metaPct, idlePct),
  call_by_thread: metaPct.byThread,
  seconds: callSeconds,
});
report('pcm.cpu_vs_meta_ratio', 'x', [(callPct.total - idlePct.total) / Math.max(0.01, metaPct.total - idlePct.total)], {
  note: 'pcm.cpu_pct / meta.cpu_pct, same app, window and run; goal <= 1',
});
report('pcm.dsp_cpu_pct', '% of one core', [dspCpuPct], { note: 'resample 48k→16k and 16k→48k plus jitter buffer, Node, per second of audio' });

await browser.close();
await app.stop();
await sim.close();
await new AsyncEntry(keychainService, lineId).deleteCredential();
await new AsyncEntry(keychainService, metaLineId).deleteCredential();
