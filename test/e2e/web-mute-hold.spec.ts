import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { toneWav } from '../support/tone-files';
import type { Page } from '@playwright/test';
import type { CallMedia } from '../../main/simulator/realtime/call-media';
import { expect, test, type Fixtures } from './fixtures';
import { failNextMicrophone, installSpeakerTap, openMicrophones, speakerId, speakerWindow } from './speaker-tap';
import { agentHz, answerWebCall, customerHz, pcm16ToFloat, presentShare, webLine } from './web-call';

const microphone = toneWav('agent-mic', agentHz);
test.use({ launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs([`--use-file-for-fake-audio-capture=${microphone}`]) } });

const wireRate = 16_000;
/** Audio already on its way when a button is pressed (socket buffers, the jitter buffer) is left out of a stretch. */
const settleMs = 300;
const stretchMs = 1200;

/** Lets a stretch of the call play, then returns what each side heard of the other in it. */
const stretchOf = (page: Page, media: CallMedia) => async () => {
  await page.waitForTimeout(settleMs);
  const [from, heardFrom] = [Date.now(), media.agentAudio().length];
  await page.waitForTimeout(stretchMs);
  const customer = pcm16ToFloat(media.agentAudio().subarray(heardFrom, heardFrom + (wireRate * stretchMs) / 1000));
  const agent = await speakerWindow(page, from, stretchMs);
  return {
    // Frames keep coming while muted or held: silence, not a gap, so the customer's side never thinks the line dropped.
    customerSeconds: customer.length / wireRate,
    agentSeconds: agent.samples.length / agent.sampleRate,
    customerHearsAgent: presentShare(customer, wireRate, agentHz),
    agentHearsCustomer: presentShare(agent.samples, agent.sampleRate, customerHz),
  };
};

/** A web call the agent answered, the customer sending a tone and the agent's microphone another. */
const talkingWebCall = async (page: Page, sim: Fixtures['sim'], openApp: Fixtures['openApp']) => {
  sim.simulator.media.defaultVoice = { kind: 'tone', frequency: customerHz };
  await installSpeakerTap(page);
  await openApp({ args: ['--no-demo'] });
  const number = await webLine(page, sim);
  const call = await answerWebCall(page, sim, number);
  return { call, stretch: stretchOf(page, sim.simulator.media.existing(call.callId)!) };
};

test('an agent mutes and holds a web call: the customer hears silence, on hold the agent hears none either, and both come back', async ({ page, sim, openApp }) => {
  const { call, stretch } = await talkingWebCall(page, sim, openApp);

  await page.waitForTimeout(1000);
  const talking = await stretch();
  expect(talking.customerHearsAgent).toBeGreaterThan(0.9);
  expect(talking.agentHearsCustomer).toBeGreaterThan(0.9);

  await call.live.getByRole('button', { name: 'Mute' }).click();
  await expect(call.live.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  const muted = await stretch();
  expect(muted.customerSeconds).toBeGreaterThan(1);
  expect(muted.customerHearsAgent).toBeLessThan(0.02);
  expect(muted.agentHearsCustomer).toBeGreaterThan(0.9);

  await call.live.getByRole('button', { name: 'Unmute' }).click();
  await expect(call.live.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'false');
  expect((await stretch()).customerHearsAgent).toBeGreaterThan(0.9);

  await call.live.getByRole('button', { name: 'Hold' }).click();
  await expect(call.live.getByRole('status').filter({ hasText: 'On hold' })).toBeVisible();
  const held = await stretch();
  expect(held.customerSeconds).toBeGreaterThan(1);
  // Silence at the speaker counts only over a stretch that was really played.
  expect(held.agentSeconds).toBeGreaterThan(1);
  expect(held.customerHearsAgent).toBeLessThan(0.02);
  expect(held.agentHearsCustomer).toBeLessThan(0.02);

  await call.live.getByRole('button', { name: 'Resume' }).click();
  await expect(call.live.getByRole('status').filter({ hasText: 'On hold' })).toBeHidden();
  const resumed = await stretch();
  expect(resumed.customerHearsAgent).toBeGreaterThan(0.9);
  expect(resumed.agentHearsCustomer).toBeGreaterThan(0.9);

  // The keypad sends RFC 4733 digits over WebRTC; a web number has no such path, so it is not offered.
  await expect(call.live.getByRole('button', { name: 'Keypad' })).toHaveCount(0);
  await call.live.getByRole('button', { name: 'Hang up' }).click();
  await expect(page.getByRole('region', { name: `Call with ${call.caller} ended` })).toBeVisible();
});

test('an agent moves a web call onto another microphone and speaker: a busy one is refused with a sentence and the call keeps its own; a free one replaces it, the old is released, both still hear each other', async ({ page, sim, openApp }) => {
  const { call, stretch } = await talkingWebCall(page, sim, openApp);
  await expect.poll(() => openMicrophones(page)).toHaveLength(1);
  expect(await speakerId(page)).toBe('');

  // A microphone another program holds: the agent is told, the picker and the call stay on the one in use.
  const microphone = call.live.getByRole('combobox', { name: 'Microphone', exact: true });
  const inUse = await microphone.inputValue();
  await failNextMicrophone(page, 'NotReadableError');
  await microphone.selectOption({ label: 'Fake Audio Input 2' });
  await expect(call.live.getByRole('alert')).toHaveText('The microphone is in use by another program. Close it and try again.');
  await expect(microphone).toHaveValue(inUse);
  expect(await openMicrophones(page)).toHaveLength(1);
  expect((await stretch()).customerHearsAgent).toBeGreaterThan(0.9);

  await microphone.selectOption({ label: 'Fake Audio Input 2' });
  await expect(call.live.getByRole('alert')).toHaveCount(0);
  await call.live.getByRole('combobox', { name: 'Speaker', exact: true }).selectOption({ label: 'Fake Audio Output 1' });
  await expect.poll(() => openMicrophones(page)).toEqual(['Fake Audio Input 2']);
  await expect.poll(() => speakerId(page)).not.toBe('');
  const moved = await stretch();
  expect(moved.customerHearsAgent).toBeGreaterThan(0.9);
  expect(moved.agentHearsCustomer).toBeGreaterThan(0.9);

  await call.live.getByRole('button', { name: 'Hang up' }).click();
  await expect(page.getByRole('region', { name: `Call with ${call.caller} ended` })).toBeVisible();
  await expect.poll(() => openMicrophones(page)).toEqual([]);
});
