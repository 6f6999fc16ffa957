import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallHistory } from '../../main/core/call-log/call-history';
import { CallLogRepository } from '../../main/core/call-log/call-log-repository';
import { openCallLogDatabase } from '../../main/core/call-log/database';
import { CallRinger } from '../../main/core/calls/call-ringer';
import { CallService } from '../../main/core/calls/call-service';
import { systemClock } from '../../main/core/clock';
import { DomainEvents } from '../../main/core/domain-events';
import { toAppError } from '../../main/core/errors';
import { silentLogger } from '../../main/core/logging/logger';
import { NoNativeNotifier } from '../../main/core/notifications/notifier';
import { PilotClient } from '../../main/core/pilot/pilot-client';
import type { PilotCall } from '../../main/core/pilot/call-schema';
import { WebMediaService } from '../../main/core/providers/evo-go/web-media-service';
import { lineFeatures, mediaDriverPicker } from '../../main/core/providers/number-types';
import { startSimulatorServer, type RunningSimulator } from '../../main/simulator/sim-server';
import { Simulator } from '../../main/simulator/simulator';

let sim: RunningSimulator;
let dir: string;

beforeEach(async () => {
  sim = await startSimulatorServer({ simulator: new Simulator({ ringTimeoutMs: 20_000 }), controlToken: 'control' });
  dir = mkdtempSync(join(tmpdir(), 'pilot-status-unknown-'));
});
afterEach(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The core's calls for one web line to the simulator; what the poll would hand it is given by hand. */
const setUp = () => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  const client = new PilotClient({ baseUrl: sim.url, apiKey: async () => number.apiKey });
  const clock = systemClock;
  const logger = silentLogger();
  const db = openCallLogDatabase(join(dir, 'log.sqlite'));
  const emit = () => undefined;
  const line = () => ({ id: 'line-1', label: 'Support', provider: 'EVO_GO' as const, features: lineFeatures('EVO_GO'), client });
  const events = new DomainEvents();
  const translate = () => ((key: string) => key) as never;
  new CallHistory({ db, callLog: new CallLogRepository(db), clock, logger, emit, events, translate, line, isLive: () => false });
  const webMedia = new WebMediaService({ clock, logger, client: () => client, sampleRate: () => 16_000 });
  const service = new CallService({
    clock,
    logger,
    events,
    ringer: new CallRinger({ notifier: new NoNativeNotifier(), emit, logger, translate }),
    line,
    media: mediaDriverPicker({ clock, logger, emit, line, webMedia, preAcceptEnabled: () => true }),
  });
  const ringing = async () => {
    const simCall = sim.simulator.incomingCall({ numberId: number.id, from: '+5511987654321' });
    const call = await client.getCall(simCall.id);
    service.onIntake('line-1', { type: 'ringing', call });
    return call;
  };
  /** Pilot Status reports the call in `status` (what the poll hands over when a known call changes). */
  const reported = (call: PilotCall, status: string) => service.onIntake('line-1', { type: 'updated', call: { ...call, status } });
  return { service, ringing, reported, close: () => (webMedia.stopAll(), db.close()) };
};

const refusal = async (attempt: Promise<unknown>) => {
  try {
    await attempt;
    return null;
  } catch (error) {
    return toAppError(error);
  }
};

describe('a call in a status the app does not know', () => {
  it('while ringing: shows the status as received, cannot be answered (Pilot Status is not asked), can be declined', async () => {
    const { service, ringing, reported } = setUp();
    const call = await ringing();
    expect(service.callView(call.id)).toMatchObject({ phase: 'ringing', remoteStatus: 'RINGING' });
    expect(service.callView(call.id).statusUnknown).toBeUndefined();

    reported(call, 'WAITING_FOR_QUEUE');
    expect(service.callView(call.id)).toMatchObject({ phase: 'ringing', remoteStatus: 'WAITING_FOR_QUEUE', statusUnknown: true });
    expect(await refusal(service.answer(call.id))).toMatchObject({ code: 'CALL_STATUS_UNKNOWN', details: { status: 'WAITING_FOR_QUEUE' } });
    expect(sim.simulator.call(call.id)!.status).toBe('RINGING');

    await service.decline(call.id);
    await expect.poll(() => sim.simulator.call(call.id)!.status).toBe('REJECTED');
  });

  it('turning known again can be answered; a live call in an unknown status is not shown as connected and can be hung up', async () => {
    const { service, ringing, reported } = setUp();
    const call = await ringing();
    reported(call, 'WAITING_FOR_QUEUE');
    reported(call, 'RINGING');
    expect(service.callView(call.id).statusUnknown).toBeUndefined();
    await service.answer(call.id);
    await expect.poll(() => service.callView(call.id).phase).toBe('connected');

    reported({ ...call, connectedAt: new Date().toISOString() }, 'PAUSED_BY_NETWORK');
    expect(service.callView(call.id)).toMatchObject({ phase: 'connected', remoteStatus: 'PAUSED_BY_NETWORK', statusUnknown: true });
    await service.hangup(call.id);
    await expect.poll(() => sim.simulator.call(call.id)!.status).toBe('COMPLETED');
  });
});
