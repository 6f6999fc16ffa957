import type { Page } from '@playwright/test';
import type { CallMedia } from '../../main/simulator/realtime/call-media';
import { jabraLink380c } from '../fixtures/hid';
import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { toneWav } from '../support/tone-files';
import { expect, openSection, test } from './fixtures';
import { agentHz, customerHz, pcm16ToFloat, presentShare, webLine } from './web-call';
import { hid, installHidStandIn } from './webhid-stand-in';

/**
 * A call handled from a Jabra Link 380c's buttons alone, through the browser
 * host, with the headset stood in at the WebHID boundary (its recorded
 * descriptor, its input reports). Jabra report 2: input bit 0 hook switch,
 * bit 3 phone mute (a press: 1 then 0); output bit 0 off-hook, 2 mute, 3 ring.
 */

const microphone = toneWav('agent-mic', agentHz);
test.use({ launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs([`--use-file-for-fake-audio-capture=${microphone}`]) } });

const wireRate = 16_000;
// Input reports: the hook press as recorded from a Jabra in WebHID issue 61 ([1, 0] off-hook), the mute press and
// release with the hook still off-hook, then on-hook.
const offHook = [0x01, 0x00];
const mutePressed = [0x09, 0x00];
const onHook = [0x00, 0x00];

/** What the customer hears of the agent's 440 Hz over a stretch of the call, leaving out audio already on its way. */
const customerHearsAgent = async (page: Page, media: CallMedia): Promise<number> => {
  await page.waitForTimeout(300);
  const from = media.agentAudio().length;
  await page.waitForTimeout(1200);
  const heard = pcm16ToFloat(media.agentAudio().subarray(from, from + (wireRate * 1200) / 1000));
  expect(heard.length / wireRate).toBeGreaterThan(1);
  return presentShare(heard, wireRate, agentHz);
};

test('a Jabra headset answers a ringing web call with its hook switch, mutes and unmutes it, and hangs up; its lights follow, in order', async ({ page, sim, openApp }) => {
  await installHidStandIn(page, { headsets: [jabraLink380c], pick: jabraLink380c });
  sim.simulator.media.defaultVoice = { kind: 'tone', frequency: customerHz };
  await openApp({ args: ['--no-demo'] });
  const number = await webLine(page, sim);

  await openSection(page, 'Settings');
  const headset = page.getByRole('region', { name: 'Headset' });
  await expect(headset.getByRole('status')).toHaveText('No headset chosen: pair one to answer, hang up and mute from its buttons.');
  await headset.getByRole('button', { name: 'Pair a headset' }).click();
  await expect(headset.getByRole('status')).toHaveText('Jabra Link 380c is connected: its buttons answer, hang up and mute calls, and its lights follow them.');

  const call = sim.simulator.incomingCall({ numberId: number.id, from: '+5511987650001' });
  await expect(page.getByRole('region', { name: /^Incoming call from / })).toBeVisible();
  // Connected: every light off; then the ring light.
  await expect.poll(() => hid.outputs(page, jabraLink380c)).toEqual([[2, [0x00, 0x00]], [2, [0x08, 0x00]]]);

  await hid.input(page, jabraLink380c, 2, offHook);
  const live = page.getByRole('region', { name: /^Call with / });
  await expect(live.getByRole('status').filter({ hasText: 'Audio connected' })).toBeVisible();
  expect(sim.simulator.call(call.id)!.status).not.toBe('RINGING');
  const media = sim.simulator.media.existing(call.id)!;
  expect(await customerHearsAgent(page, media)).toBeGreaterThan(0.9);

  await hid.input(page, jabraLink380c, 2, mutePressed);
  await hid.input(page, jabraLink380c, 2, offHook);
  await expect(live.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  expect(await customerHearsAgent(page, media)).toBeLessThan(0.02);

  await hid.input(page, jabraLink380c, 2, mutePressed);
  await hid.input(page, jabraLink380c, 2, offHook);
  await expect(live.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'false');
  expect(await customerHearsAgent(page, media)).toBeGreaterThan(0.9);

  await hid.input(page, jabraLink380c, 2, onHook);
  await expect(page.getByRole('region', { name: /^Call with .* ended$/ })).toBeVisible();
  await expect.poll(() => sim.simulator.call(call.id)!.endedAt).not.toBeNull();

  // Every light, in the order sent: all off, ring, off-hook (ring off), off-hook + mute, off-hook, all off.
  await expect.poll(() => hid.outputs(page, jabraLink380c)).toEqual([
    [2, [0x00, 0x00]],
    [2, [0x08, 0x00]],
    [2, [0x01, 0x00]],
    [2, [0x05, 0x00]],
    [2, [0x01, 0x00]],
    [2, [0x00, 0x00]],
  ]);
  expect(await hid.chooserOpened(page)).toBe(1);
});
