import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeWav } from '../../main/simulator/audio/wav';
import { dominantFrequency, sine, toneShare } from '../support/audio-analysis';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { toneWav } from '../support/tone-files';
import { expect, openSection, test } from './fixtures';
import { installSpeakerTap, speakerAudio } from './speaker-tap';
import { agentHz, customerHz, pcm16ToFloat, presentShare, webLine } from './web-call';

const microphone = toneWav('agent-mic', agentHz);
test.use({ launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs([`--use-file-for-fake-audio-capture=${microphone}`]) } });

const promptHz = 1700;

test('a web call the agent places gets audio both ways once the customer answers, and a prompt chosen while it rings plays at connect', async ({ page, sim, openApp }) => {
  const greeting = encodeWav(sine(promptHz, 16_000, 16_000, 0.5), 16_000);
  const files: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'audio/wav' }).end(greeting));
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  try {
    sim.simulator.media.defaultVoice = { kind: 'tone', frequency: customerHz };
    sim.simulator.outboundCustomer = { ringAfterMs: 200, answerAfterMs: 3000, answers: true };
    await installSpeakerTap(page);
    await openApp({ args: ['--no-demo'] });
    await webLine(page, sim);
    const promptUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}/greeting.wav`;
    await openSection(page, 'Settings');
    const settings = page.getByRole('region', { name: 'Web-number audio' });
    const form = settings.getByRole('form', { name: 'Add a prompt' });
    await form.getByRole('textbox', { name: 'Prompt name' }).fill('Greeting');
    await form.getByRole('textbox', { name: /^Recording address/ }).fill(promptUrl);
    await form.getByRole('button', { name: 'Add prompt' }).click();
    await expect(settings.getByRole('status')).toHaveText('Prompt Greeting added.');

    const dialer = page.getByRole('region', { name: 'Place a call' });
    await expect(dialer.getByText('Web numbers call through Pilot Status')).toBeVisible();
    await dialer.getByLabel("Customer's number").fill('21998877665');
    await dialer.getByRole('button', { name: 'Call', exact: true }).click();
    const live = page.getByRole('region', { name: 'Call with +55 21 99887 7665' });
    await expect(live).toContainText('Ringing at the customer…');

    // Chosen while the customer's phone rings: Pilot queues it until the call connects.
    await live.getByRole('button', { name: 'Play prompt' }).click();
    await expect(live.getByRole('status').filter({ hasText: '“Greeting” will play as soon as the call connects.' })).toBeVisible();
    const placed = sim.simulator.allCalls().find((c) => c.direction === 'OUTBOUND')!;
    const media = sim.simulator.media.existing(placed.id)!;
    expect(media.prompts.plays[0]).toMatchObject({ startedAt: null });

    await expect(live.getByRole('status').filter({ hasText: 'Audio connected' })).toBeVisible({ timeout: 10_000 });
    const from = Date.now() + 500;
    await expect.poll(() => media.prompts.plays[0]!.finishedAt, { timeout: 8000 }).not.toBeNull();
    await page.waitForTimeout(1500);

    const play = media.prompts.plays[0]!;
    expect(play.startedAt! - Date.parse(placed.connectedAt!)).toBeLessThan(200);
    const heardByCustomer = pcm16ToFloat(media.customerHeard());
    const startIndex = Math.round(((play.startedAt! - media.earStartedAt!) / 1000) * 16_000);
    expect(toneShare(heardByCustomer.subarray(startIndex + 1600, startIndex + 14_400), 16_000, promptHz)).toBeGreaterThan(0.3);
    expect(Math.abs(dominantFrequency(pcm16ToFloat(media.agentAudio()), 16_000) - agentHz)).toBeLessThan(3);
    const heard = await speakerAudio(page, from);
    expect(Math.abs(dominantFrequency(heard.samples, heard.sampleRate) - customerHz)).toBeLessThan(3);
    // The same bar as web-audio.spec.ts at the speaker (where frame loss at each hop is counted exactly): the
    // tone in 90 % of 20 ms windows, which leaves room for the playout scheduling of a machine running two calls' worth of tests.
    expect(presentShare(heard.samples, heard.sampleRate, customerHz)).toBeGreaterThan(0.9);
    await live.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => sim.simulator.call(placed.id)?.status).toBe('COMPLETED');
  } finally {
    files.close();
  }
});
