import WebSocket from 'ws';
import { tonePresence } from '../support/audio-analysis';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { installSpeakerTap, speakerAudio } from './speaker-tap';
import { toneWav } from '../support/tone-files';
import { expect, test } from './fixtures';
import { agentHz, answerWebCall, customerHz, lastLog, webLine } from './web-call';

const microphone = toneWav('agent-mic', agentHz);
test.use({ launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs([`--use-file-for-fake-audio-capture=${microphone}`]) } });

/** Tries a realtime URL the way a second client would; resolves with the HTTP status of the refusal (or 101). */
const present = (url: string) =>
  new Promise<number>((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });

test('a socket dropped mid-call is replaced: audio resumes within a second, the call stays connected, no token is used twice', async ({ page, sim, openApp }) => {
  sim.simulator.media.defaultVoice = { kind: 'tone', frequency: customerHz };
  await installSpeakerTap(page);
  const app = await openApp({ args: ['--no-demo'] });
  const number = await webLine(page, sim);
  const call = await answerWebCall(page, sim, number);
  await page.waitForTimeout(1500);
  const media = sim.simulator.media.existing(call.callId)!;

  const droppedAt = Date.now();
  expect(media.dropSockets()).toBe(1);
  await page.waitForTimeout(3500);

  // The new socket: opened, and carrying the agent's audio to the customer, within a second of the drop
  // (the simulator and this test share one clock, so these times are exact).
  await expect.poll(() => media.sessions.length).toBe(2);
  const replacement = media.sessions[1]!;
  expect(replacement.connectedAt - droppedAt).toBeLessThan(1000);
  expect(replacement.receivedAt[0]! - droppedAt).toBeLessThan(1000);

  // At the agent's speaker: the customer's tone is back by a second after the drop and stays
  // (the jitter buffer may conceal most of the gap; whatever silence there was is under a second).
  const heard = await speakerAudio(page, droppedAt - 1000);
  const windows = tonePresence(heard.samples, heard.sampleRate, customerHz, { windowMs: 20 });
  const resumeBy = Math.ceil((droppedAt + 1000 - heard.startedAt) / 20);
  const after = windows.slice(resumeBy);
  expect(after.length * 20).toBeGreaterThan(1500);
  expect(after.filter(Boolean).length / after.length).toBeGreaterThan(0.95);
  let longestSilence = 0;
  for (let i = 0, run = 0; i < windows.length; i++) {
    run = windows[i] ? 0 : run + 1;
    longestSilence = Math.max(longestSilence, run);
  }
  expect(longestSilence * 20).toBeLessThan(1000);

  // The call never left "connected"; the audio says so again; the customer hears the agent on the new socket.
  await expect(call.live.getByRole('status').filter({ hasText: 'Audio connected' })).toBeVisible();
  await expect(call.live.getByRole('timer', { name: 'Call duration' })).toBeVisible();
  expect(media.sessions).toHaveLength(2);
  expect(replacement.framesReceived).toBeGreaterThan(50);
  const logged = lastLog(app, 'realtime audio resumed after a gap', call.callId) as { gapMs: number } | undefined;
  expect(logged?.gapMs).toBeLessThan(1000);

  // Tokens: each one the app was given was presented exactly once; none was refused.
  const tokens = sim.simulator.media.tokens.forCall(call.callId);
  expect(tokens).toHaveLength(2);
  expect(new Set(tokens.map((t) => t.token)).size).toBe(2);
  expect(tokens.every((t) => t.redeemedAt !== null)).toBe(true);
  expect(sim.simulator.media.tokens.refused).toEqual([]);

  // Presenting the first token again is refused by the simulator.
  const reused = `${sim.url.replace('http://', 'ws://')}/call/media/realtime/ws/${number.id}/${call.callId}?token=${encodeURIComponent(tokens[0]!.token)}`;
  expect(await present(reused)).toBe(401);
  expect(sim.simulator.media.tokens.refused).toEqual([expect.objectContaining({ callId: call.callId, reason: 'used' })]);
  expect(JSON.stringify(app.logLines())).not.toContain(tokens[0]!.token);
});

test('a second window opened mid-call takes the call audio over once; the two windows never trade it back and forth', async ({ page, context, sim, openApp }) => {
  sim.simulator.media.defaultVoice = { kind: 'tone', frequency: customerHz };
  const app = await openApp({ args: ['--no-demo'] });
  const number = await webLine(page, sim);
  const call = await answerWebCall(page, sim, number);
  const attached = () => app.logLines().filter((l) => l.msg === 'renderer audio channel attached' && l.callId === call.callId).length;
  await expect.poll(attached).toBe(1);

  const second = await context.newPage();
  await second.goto(await app.windowUrl());
  await expect(second.getByRole('region', { name: `Call with ${call.caller}` }).getByRole('status').filter({ hasText: 'Audio connected' })).toBeVisible();
  await expect.poll(attached).toBe(2);
  // The first window was told a newer one took over (close code 4409) and stays off: over 3 s (six of its reopen delays)
  // nothing attaches again, and the customer keeps hearing the agent without gaps.
  const heardBefore = sim.simulator.media.existing(call.callId)!.customerHeard().length;
  await page.waitForTimeout(3000);
  expect(attached()).toBe(2);
  const heard = sim.simulator.media.existing(call.callId)!.customerHeard().subarray(heardBefore);
  const windows = tonePresence(Float32Array.from(heard, (v) => v / 32768), 16_000, agentHz);
  expect(windows.length * 20).toBeGreaterThan(2500);
  expect(windows.filter(Boolean).length / windows.length).toBeGreaterThan(0.95);
  await second.close();
});

test('when fresh audio sessions keep failing the agent reads why, the call stays up, and the audio returns once they work', async ({ page, sim, openApp }) => {
  sim.simulator.media.defaultVoice = { kind: 'tone', frequency: customerHz };
  await openApp({ args: ['--no-demo'] });
  const number = await webLine(page, sim);
  const call = await answerWebCall(page, sim, number);

  // The web number's WhatsApp session drops: every new realtime session is refused with 409.
  number.connected = false;
  expect(sim.simulator.media.existing(call.callId)!.dropSockets()).toBe(1);
  const failing = call.live.getByRole('status').filter({ hasText: 'Audio cannot be restored right now' });
  await expect(failing).toContainText("This web number's WhatsApp session is disconnected");
  await expect(call.live.getByRole('timer')).toBeVisible();
  expect(sim.simulator.call(call.callId)?.status).toBe('ACCEPTED');

  number.connected = true;
  await expect(call.live.getByRole('status').filter({ hasText: 'Audio connected' })).toBeVisible();
  await expect(failing).toHaveCount(0);
});
