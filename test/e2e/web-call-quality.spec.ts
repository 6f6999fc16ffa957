import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { toneWav } from '../support/tone-files';
import { expect, test } from './fixtures';
import { agentHz, answerWebCall, customerHz, webLine } from './web-call';

const microphone = toneWav('agent-mic', agentHz);
test.use({ launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs([`--use-file-for-fake-audio-capture=${microphone}`]) } });

test('a web-number call shows the microphone level and its quality: jitter-buffer depth, concealed audio, socket reconnects', async ({ page, sim, openApp }) => {
  sim.simulator.media.defaultVoice = { kind: 'tone', frequency: customerHz };
  await openApp({ args: ['--no-demo'] });
  const number = await webLine(page, sim);
  const call = await answerWebCall(page, sim, number);

  // The fake microphone plays a steady tone: the meter moves off zero.
  const meter = call.live.getByRole('meter', { name: 'Microphone level' });
  await expect.poll(async () => Number(await meter.getAttribute('value'))).toBeGreaterThan(0.05);

  // The playback's readings, about once a second.
  const quality = call.live.getByRole('region', { name: 'Call quality' });
  await expect(quality.getByRole('term')).toHaveText(['Jitter buffer', 'Concealed audio', 'Reconnects']);
  const reading = (term: string) => quality.getByRole('definition').nth(['Jitter buffer', 'Concealed audio', 'Reconnects'].indexOf(term));
  await expect(reading('Jitter buffer')).toHaveText(/^\d+ ms$/);
  await expect(reading('Concealed audio')).toHaveText(/^\d+(\.\d)? %$/);
  await expect(reading('Reconnects')).toHaveText('0');
  // None of the WebRTC readings, which a web number does not have.
  await expect(quality.getByRole('term', { name: 'Round trip' })).toHaveCount(0);

  // The realtime socket drops: the app replaces it, and the panel counts it.
  expect(sim.simulator.media.existing(call.callId)!.dropSockets()).toBe(1);
  await expect(reading('Reconnects')).toHaveText('1');
  await expect(call.live.getByRole('status').filter({ hasText: 'Audio connected' })).toBeVisible();
});
