import { monitorNotifications } from '../support/notification-monitor';
import { addLine, expect, test } from './fixtures';

test('under faults the app keeps running, says which fault it is, and rings once it recovers, never twice', async ({ page, openApp, sim }) => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  const app = await openApp();
  await addLine(page, { label: 'Faults', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url });
  const status = page.getByRole('status', { name: 'Line status' });
  await expect(status).toHaveText('All lines connected');
  const monitor = await monitorNotifications();

  // A 500 is Pilot Status's own trouble, a 429 a request to slow down (until the next attempt): neither is "cannot reach".
  sim.simulator.faults.add({ kind: 'server-error' });
  await expect(status).toContainText('Faults: Pilot Status is having a problem');
  await expect(status).toContainText('next attempt at');
  sim.simulator.faults.clear();
  sim.simulator.faults.add({ kind: 'rate-limit', retryAfterSeconds: 2 });
  await expect(status).toContainText('Faults: Pilot Status asked the app to slow down');
  await expect(status).toContainText('next attempt at');
  await expect(status).not.toContainText('cannot reach');

  // A customer calls while the API misbehaves in every way the simulator knows.
  const call = sim.simulator.incomingCall({ numberId: number.id, from: '+5511912340001', ringTimeoutMs: 60_000 });
  sim.simulator.faults.clear();
  for (const kind of ['malformed', 'unknown-status', 'timeout', 'server-error', 'malformed'] as const) sim.simulator.faults.add({ kind, remaining: 1 });
  await expect.poll(() => sim.simulator.faults.active().length, { timeout: 30_000 }).toBe(0);
  expect(app.child.exitCode).toBeNull();

  const ringing = page.getByRole('region', { name: 'Incoming call from +55 11 91234 0001' });
  await expect(ringing).toBeVisible({ timeout: 20_000 });
  await expect(status).toHaveText('All lines connected');

  // Several more polls: still one ringing view, one notification, one "call ringing" in the log.
  // (Other tests share the session bus: this caller's number is unique to this test.)
  await page.waitForTimeout(2500);
  await expect(page.getByRole('region', { name: /^Incoming call from/ })).toHaveCount(1);
  expect(monitor.notifications().filter((n) => n.body.includes('91234 0001'))).toHaveLength(1);
  expect(app.logLines().filter((l) => l.msg === 'call ringing' && l.callId === call.id)).toHaveLength(1);
  expect(app.logLines().some((l) => l.msg === 'poll failed' && l.code === 'MALFORMED_RESPONSE')).toBe(true);
  monitor.stop();

  await ringing.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByRole('region', { name: 'Call with +55 11 91234 0001' }).getByRole('timer')).toBeVisible();
});

test('a web number whose WhatsApp session is down explains what to do when answering', async ({ page, openApp, sim }) => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  await openApp();
  await addLine(page, { label: 'Support', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url });
  sim.simulator.incomingCall({ numberId: number.id, from: '+5511987654321' });
  const ringing = page.getByRole('region', { name: /^Incoming call from/ });
  await expect(ringing).toBeVisible();
  number.connected = false;
  await ringing.getByRole('button', { name: 'Answer' }).click();
  const ended = page.getByRole('region', { name: /ended$/ });
  await expect(ended).toContainText('Failed');
  await expect(ended).toContainText('Reconnect it (QR code) in Pilot Status');
});

test('a call Pilot Status reports in a status the app does not know shows it as received and offers only what still makes sense', async ({ page, openApp, sim }) => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  const app = await openApp();
  await addLine(page, { label: 'Support', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url });
  const call = sim.simulator.incomingCall({ numberId: number.id, from: '+5511912340013', ringTimeoutMs: 60_000 });
  const ringing = page.getByRole('region', { name: 'Incoming call from +55 11 91234 0013' });
  await expect(ringing.getByRole('button', { name: 'Answer' })).toBeVisible();

  // Ringing, then a status nobody documents: no Answer any more, the status as received, Decline still there.
  sim.simulator.reportStatus(call.id, 'WAITING_FOR_QUEUE');
  await expect(ringing.getByRole('status')).toHaveText('Pilot Status reports this call as “WAITING_FOR_QUEUE”, a status the app does not know.');
  await expect(ringing.getByRole('button', { name: 'Answer' })).toHaveCount(0);
  await expect(ringing.getByRole('button', { name: 'Decline' })).toBeEnabled();

  // Ringing again: it can be answered. Live, then unknown again: not "Connected", no hold or keypad; mute and Hang up stay.
  sim.simulator.reportStatus(call.id, 'RINGING');
  await ringing.getByRole('button', { name: 'Answer' }).click();
  const live = page.getByRole('region', { name: 'Call with +55 11 91234 0013' });
  await expect(live.getByRole('timer')).toBeVisible();
  await expect(live.getByRole('button', { name: 'Hold' })).toBeVisible();
  sim.simulator.reportStatus(call.id, 'PAUSED_BY_NETWORK');
  await expect(live.getByText('Pilot Status reports this call as “PAUSED_BY_NETWORK”, a status the app does not know.')).toBeVisible();
  await expect(live.getByText('Connected', { exact: true })).toHaveCount(0);
  await expect(live.getByRole('timer')).toHaveCount(0);
  await expect(live.getByRole('button', { name: 'Hold' })).toHaveCount(0);
  await expect(live.getByRole('button', { name: 'Mute' })).toBeVisible();
  await live.getByRole('button', { name: 'Hang up' }).click();
  await expect.poll(() => sim.simulator.call(call.id)!.status).toBe('COMPLETED');
  expect(app.child.exitCode).toBeNull();
});
