import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeWav } from '../../main/simulator/audio/wav';
import { dominantFrequency, goertzelPower, medianTonePower, sine, toneShare } from '../support/audio-analysis';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { installSpeakerTap, microphoneRequests, speakerWindow } from './speaker-tap';
import { toneWav } from '../support/tone-files';
import { expect, openSection, test } from './fixtures';
import { agentHz, answerWebCall, customerHz, pcm16ToFloat, presentShare, webLine } from './web-call';

const microphone = toneWav('agent-mic', agentHz);
test.use({ launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs([`--use-file-for-fake-audio-capture=${microphone}`]) } });

const promptHz = 1500;

/** The company's prompt recordings, served on loopback as Pilot Status would fetch them from the web. */
const servePrompts = async (): Promise<{ url: string; server: Server }> => {
  const greeting = encodeWav(sine(promptHz, 16_000, 16_000 * 2, 0.5), 16_000);
  const server = createServer((request, response) => {
    if (request.url === '/prompts/greeting.wav') response.writeHead(200, { 'content-type': 'audio/wav' }).end(greeting);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/prompts/greeting.wav`, server };
};

test('a prompt from the settings, played into a live call, is heard by the customer', async ({ page, sim, openApp }) => {
  const prompts = await servePrompts();
  try {
    await openApp({ args: ['--no-demo'] });
    const number = await webLine(page, sim);
    await openSection(page, 'Settings');
    const settings = page.getByRole('region', { name: 'Web-number audio' });
    const form = settings.getByRole('form', { name: 'Add a prompt' });

    // A bad address is refused with a sentence, and what was typed stays.
    await form.getByRole('textbox', { name: 'Prompt name' }).fill('Greeting');
    await form.getByRole('textbox', { name: /^Recording address/ }).fill('http://127.0.0.1/prompts/greeting.txt');
    await form.getByRole('button', { name: 'Add prompt' }).click();
    await expect(settings.getByRole('alert')).toHaveText('The address must end in .mp3, .wav or .opus.');
    await expect(form.getByRole('textbox', { name: 'Prompt name' })).toHaveValue('Greeting');

    await form.getByRole('textbox', { name: /^Recording address/ }).fill(prompts.url);
    await form.getByRole('button', { name: 'Add prompt' }).click();
    await expect(settings.getByRole('status')).toHaveText('Prompt Greeting added.');
    await expect(settings.getByRole('list', { name: 'Prompts' }).getByRole('listitem')).toContainText(['Greeting']);

    const call = await answerWebCall(page, sim, number);
    // The customer has heard a second of the agent before any prompt (the stretch before the prompt is judged below).
    await expect.poll(() => sim.simulator.media.existing(call.callId)?.customerHeard().length ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(16_000);
    const media = sim.simulator.media.existing(call.callId)!;
    const before = media.customerHeard().length;
    await call.live.getByRole('combobox', { name: 'Prompt' }).selectOption({ label: 'Greeting' }, { timeout: 5000 });
    await call.live.getByRole('button', { name: 'Play prompt' }).click();
    await expect(call.live.getByRole('status').filter({ hasText: 'Playing “Greeting” to the customer.' })).toBeVisible();
    await expect.poll(() => media.prompts.plays[0]?.finishedAt ?? null, { timeout: 8000 }).not.toBeNull();

    // The customer heard the agent (440 Hz) before, and the prompt (1500 Hz) mixed in while it played.
    const play = media.prompts.plays[0]!;
    const startIndex = Math.round(((play.startedAt! - media.earStartedAt!) / 1000) * 16_000);
    const endIndex = startIndex + 16_000 * 2;
    // Judged once the customer's ear holds the half second after the prompt too.
    await expect.poll(() => media.customerHeard().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(endIndex + 8000);
    const heard = pcm16ToFloat(media.customerHeard());
    const during = heard.subarray(startIndex + 1600, startIndex + 16_000 * 2 - 1600);
    expect(toneShare(heard.subarray(before - 8000, before), 16_000, promptHz)).toBeLessThan(0.01);
    expect(toneShare(during, 16_000, promptHz)).toBeGreaterThan(0.3);
    // Mixed, not replaced: the agent is heard under the prompt at least about as loud as just after it
    // (compared after, not before: the microphone's gain control turns the loud test tone down over the first seconds;
    // medians over 50 ms windows, so a frame or two the loaded machine drops does not decide it).
    const after = heard.subarray(endIndex + 1600, endIndex + 8000);
    expect(toneShare(after, 16_000, promptHz)).toBeLessThan(0.01);
    const ratio = medianTonePower(during, 16_000, agentHz) / medianTonePower(after, 16_000, agentHz);
    const wholeRatio = goertzelPower(during, 16_000, agentHz) / goertzelPower(after, 16_000, agentHz);
    expect(ratio, `agent tone under the prompt vs after it: median ratio ${ratio}, whole-stretch ratio ${wholeRatio}`).toBeGreaterThan(0.5);
  } finally {
    prompts.server.close();
  }
});

test('a supervisor listens in on a call another agent took: hears the customer, sends nothing, never opens the microphone', async ({ page, sim, openApp }) => {
  sim.simulator.media.defaultVoice = { kind: 'tone', frequency: customerHz };
  await installSpeakerTap(page);
  await openApp({ args: ['--no-demo'] });
  const number = await webLine(page, sim);
  const call = sim.simulator.incomingCall({ numberId: number.id, from: '+5511987650002' });
  await expect(page.getByRole('region', { name: /^Incoming call from / })).toBeVisible();

  // Another agent on the same number answers first.
  sim.simulator.accept(number, call.id);
  const card = page.getByRole('region', { name: /^Call with .* ended$/ });
  await expect(card).toContainText('Answered by another agent');
  await card.getByRole('button', { name: 'Listen in' }).click();
  await expect(card.getByRole('status')).toHaveText('Listening in — nobody on the call hears you');

  // What the speakers played over 2.5 s from half a second on, taken as soon as the tap holds all of it.
  const windowMs = 2500;
  const heard = await speakerWindow(page, Date.now() + 500, windowMs, 15_000);
  expect(heard.samples.length, 'speaker audio for the whole window').toBe(Math.round((windowMs / 1000) * heard.sampleRate));
  expect(Math.abs(dominantFrequency(heard.samples, heard.sampleRate) - customerHz)).toBeLessThan(3);
  expect(presentShare(heard.samples, heard.sampleRate, customerHz)).toBeGreaterThan(0.97);

  const media = sim.simulator.media.existing(call.id)!;
  expect(media.sessions.map((s) => s.mode)).toEqual(['listen']);
  expect(media.sessions[0]!.framesReceived).toBe(0);
  expect(media.agentAudio().length).toBe(0);
  expect(await microphoneRequests(page)).toBe(0);

  await card.getByRole('button', { name: 'Stop listening' }).click();
  await expect(card.getByRole('button', { name: 'Listen in' })).toBeVisible();
  await expect.poll(() => media.sessions[0]!.closedAt).not.toBeNull();
});
