import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallPoller, type PollHealth } from '../../main/core/events/call-poller';
import type { IntakeEvent } from '../../main/core/events/call-diff';
import { silentLogger } from '../../main/core/logging/logger';
import { PilotClient } from '../../main/core/pilot/pilot-client';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import type { SimNumber } from '../../main/simulator/sim-state';
import { ManualClock } from '../support/manual-clock';
import { startTestSimulator } from '../support/sim';

let sim: RunningSimulator;
let line: SimNumber;
let clock: ManualClock;
let events: IntakeEvent[];
let health: PollHealth[];
let poller: CallPoller;

const newPoller = (timeoutMs = 2000, apiKey?: string) =>
  new CallPoller({
    client: new PilotClient({ baseUrl: sim.url, apiKey: async () => apiKey ?? line.apiKey, timeoutMs }),
    clock,
    logger: silentLogger(),
    idleIntervalMs: () => 1000,
    activeIntervalMs: 250,
    onEvent: (event) => events.push(event),
    onHealth: (h) => health.push(h),
  });

const eventsOf = (callId: string) => events.filter((e) => e.call.id === callId).map((e) => e.type);

beforeEach(async () => {
  sim = await startTestSimulator();
  line = sim.simulator.addNumber({ provider: 'EVO_GO' });
  clock = new ManualClock();
  events = [];
  health = [];
  poller = newPoller();
});
afterEach(async () => {
  poller.stop();
  await sim.close();
});

describe('call poller', () => {
  it('polls at the idle period, faster while a call rings, and back to idle after it ends', async () => {
    await poller.start();
    expect(clock.pendingDelays()).toEqual([1000]);
    const call = sim.simulator.incomingCall({ numberId: line.id, from: '+5511987654321' });
    await poller.pollNow();
    expect(eventsOf(call.id)).toEqual(['ringing']);
    expect(clock.pendingDelays()).toEqual([250]);
    sim.simulator.customerHangup(call.id);
    await poller.pollNow();
    expect(eventsOf(call.id)).toEqual(['ringing', 'ended']);
    expect(clock.pendingDelays()).toEqual([1000]);
  });

  it('backs off while the API fails, reports it, and rings a call that came in meanwhile exactly once after recovery', async () => {
    await poller.start();
    sim.simulator.faults.add({ kind: 'server-error' });
    await poller.pollNow();
    await poller.pollNow();
    await poller.pollNow();
    const failing = health.filter((h) => h.state === 'failing');
    expect(failing.map((h) => h.state === 'failing' && h.consecutiveFailures)).toEqual([1, 2, 3]);
    // Exponential backoff (with ±20 % jitter): the third failure waits about 4 s.
    const [delay] = clock.pendingDelays();
    expect(delay).toBeGreaterThanOrEqual(3200);
    expect(delay).toBeLessThanOrEqual(4800);

    const call = sim.simulator.incomingCall({ numberId: line.id, from: '+5511987654321' });
    await poller.pollNow();
    expect(eventsOf(call.id)).toEqual([]);
    sim.simulator.faults.clear();
    await poller.pollNow();
    await poller.pollNow();
    expect(eventsOf(call.id)).toEqual(['ringing']);
    expect(health.at(-1)).toEqual({ state: 'ok' });
  });

  it('survives malformed bodies, unknown statuses and hung requests without losing a call', async () => {
    poller = newPoller(200);
    await poller.start();
    const call = sim.simulator.incomingCall({ numberId: line.id, from: '+5511987654321' });
    for (const kind of ['malformed', 'timeout', 'unknown-status'] as const) {
      sim.simulator.faults.add({ kind, remaining: 1 });
      await poller.pollNow();
    }
    await poller.pollNow();
    expect(eventsOf(call.id)).toEqual(['ringing']);
    expect(eventsOf('call_unknown_status')).toEqual(['seen']);
  });

  it('honours Retry-After on 429', async () => {
    await poller.start();
    sim.simulator.faults.add({ kind: 'rate-limit', remaining: 1, retryAfterSeconds: 7 });
    await poller.pollNow();
    expect(clock.pendingDelays()[0]).toBeGreaterThanOrEqual(7000);
  });

  it('retries a rejected key at most every 15 s, reporting each attempt, and rings at once when the key works again', async () => {
    const revoked = 'ps_revokedkeyxyz123';
    poller = newPoller(2000, revoked);
    await poller.start();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const [delay] = clock.pendingDelays();
      delays.push(delay!);
      const reported = health.length;
      clock.advance(delay!);
      await expect.poll(() => health.length).toBeGreaterThan(reported);
    }
    const last = health.at(-1);
    expect(last?.state === 'failing' && last.error.isAuth).toBe(true);
    // Not hammering (it backs off), never pausing long enough to miss a customer who calls meanwhile.
    expect(Math.max(...delays)).toBeLessThanOrEqual(15_000);
    expect(delays.at(-1)).toBeGreaterThanOrEqual(10_000);
    expect(health.filter((h) => h.state === 'failing')).toHaveLength(9);

    // Pilot Status takes the key again (re-enabled) while a customer is already calling.
    line.apiKey = revoked;
    const call = sim.simulator.incomingCall({ numberId: line.id, from: '+5511987654321' });
    clock.advance(clock.pendingDelays()[0]!);
    await expect.poll(() => eventsOf(call.id)).toEqual(['ringing']);
    expect(health.at(-1)).toEqual({ state: 'ok' });
  });

  it('follows a live call that fell off the first page until it ends', async () => {
    await poller.start();
    const first = sim.simulator.incomingCall({ numberId: line.id, from: '+5511900000000' });
    await poller.pollNow();
    for (let i = 0; i < 30; i++) {
      sim.simulator.incomingCall({ numberId: line.id, from: `+55119000001${String(i).padStart(2, '0')}`, ringTimeoutMs: 60_000 });
      await new Promise((r) => setTimeout(r, 1));
    }
    await poller.pollNow();
    sim.simulator.customerHangup(first.id);
    await poller.pollNow();
    expect(eventsOf(first.id)).toEqual(['ringing', 'ended']);
  });

  it('schedules through the injected clock: advancing the clock polls again', async () => {
    await poller.start();
    const call = sim.simulator.incomingCall({ numberId: line.id, from: '+5511987654321' });
    clock.advance(1000);
    await expect.poll(() => eventsOf(call.id)).toEqual(['ringing']);
  });
});
