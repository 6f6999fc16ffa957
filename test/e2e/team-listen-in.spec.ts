import AxeBuilder from '@axe-core/playwright';
import { dominantFrequency } from '../support/audio-analysis';
import { microphoneRequests, installSpeakerTap, speakerWindow } from './speaker-tap';
import { expect, test } from './fixtures';
import { addTeamLine, teamInfraForFile } from './team-app';
import { customerHz, presentShare } from './web-call';

const teams = teamInfraForFile();
teams.numbers([
  { id: 'support', provider: 'EVO_GO' },
  { id: 'sales', provider: 'EVO_GO' },
]);

test("a supervisor sees the team's presence, ringing and live calls, and listens in to a live web-number call another agent took", async ({ page, context, launchApp }) => {
  const { team, server } = await teams.team();
  team.sim.simulator.media.defaultVoice = { kind: 'tone', frequency: customerHz };
  const [anaToken, sueToken] = [await team.addAgent('Ana', ['support']), await team.addAgent('Sue', ['sales'], 'supervisor')];
  const [anaApp, sueApp] = await Promise.all([launchApp({ args: ['--no-demo'] }), launchApp({ args: ['--no-demo'] })]);
  const ana = page;
  const sue = await context.newPage();
  await installSpeakerTap(sue);
  await ana.goto(anaApp.url);
  await sue.goto(sueApp.url);
  await addTeamLine(ana, { serverUrl: server.url, token: anaToken, label: 'Acme' });
  await addTeamLine(sue, { serverUrl: server.url, token: sueToken, label: 'Acme' });

  // Agents have no supervisor view; the supervisor sees who is available.
  await expect(ana.getByRole('region', { name: /^Supervisor view/ })).toHaveCount(0);
  const view = sue.getByRole('region', { name: 'Supervisor view of Acme' });
  const agents = view.getByRole('list', { name: 'Agents' });
  await expect(agents.getByRole('listitem').filter({ hasText: 'Ana' })).toContainText('Available');

  const call = team.sim.simulator.incomingCall({ numberId: team.simNumber('support').id, from: '+5511987650003' });
  await expect(view.getByRole('list', { name: 'Ringing calls' })).toContainText('+55 11 98765 0003 on Support');
  // The call rings for Ana only: Sue does not answer that number.
  await ana.getByRole('region', { name: /^Incoming call from / }).getByRole('button', { name: 'Answer' }).click();
  await expect(ana.getByRole('region', { name: /^Call with / }).getByRole('status').filter({ hasText: 'Audio connected' })).toBeVisible();
  await expect(sue.getByRole('region', { name: /^Incoming call from / })).toHaveCount(0);

  const live = view.getByRole('list', { name: 'Live calls' });
  await expect(live).toContainText('+55 11 98765 0003 on Support with Ana');
  await expect(agents.getByRole('listitem').filter({ hasText: 'Ana' })).toContainText('On a call');
  await expect(view.getByRole('list', { name: 'Ringing calls' })).toHaveText('None');
  const violations = (await new AxeBuilder({ page: sue }).include('main').analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations).toEqual([]);

  await live.getByRole('button', { name: 'Listen in to the call with +55 11 98765 0003' }).click();
  const card = sue.getByRole('region', { name: /^Call with .* ended$/ });
  await expect(card).toContainText('Answered by Ana');
  await expect(card.getByRole('status')).toHaveText('Listening in — nobody on the call hears you');

  // What Sue's speakers played over 2.5 s from half a second on: the customer's tone, all along.
  const windowMs = 2500;
  const heard = await speakerWindow(sue, Date.now() + 500, windowMs, 15_000);
  expect(heard.samples.length, 'speaker audio for the whole window').toBe(Math.round((windowMs / 1000) * heard.sampleRate));
  expect(Math.abs(dominantFrequency(heard.samples, heard.sampleRate) - customerHz)).toBeLessThan(3);
  // Most of the window (two live audio pages share the cores here; gap-free playout is web-prompts-listen's to judge).
  expect(presentShare(heard.samples, heard.sampleRate, customerHz)).toBeGreaterThan(0.8);
  const media = team.sim.simulator.media.existing(call.id)!;
  expect(media.sessions.map((s) => s.mode)).toEqual(['talk', 'listen']);
  expect(media.sessions[1]!.framesReceived).toBe(0);
  expect(await microphoneRequests(sue)).toBe(0);

  // The customer hangs up: the listening stops on its own and the call leaves the live list.
  team.sim.simulator.customerHangup(call.id);
  await expect(live).toHaveText('None');
  await expect(card.getByRole('button', { name: 'Stop listening' })).toHaveCount(0);
  await expect.poll(() => media.sessions[1]!.closedAt).not.toBeNull();
  await expect(agents.getByRole('listitem').filter({ hasText: 'Ana' })).toContainText('Available');

  // Ana's availability is her presence on the team: on do not disturb, the supervisor sees it.
  await ana.getByRole('combobox', { name: 'Availability' }).selectOption('dnd');
  await expect(agents.getByRole('listitem').filter({ hasText: 'Ana' })).toContainText('Do not disturb');
});
