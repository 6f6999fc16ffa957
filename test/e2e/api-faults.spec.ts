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
