import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../preload/contract';
import { CallLogRepository } from '../../main/core/call-log/call-log-repository';
import { openCallLogDatabase } from '../../main/core/call-log/database';
import { CallRinger } from '../../main/core/calls/call-ringer';
import { CallHistory } from '../../main/core/call-log/call-history';
import { CallService } from '../../main/core/calls/call-service';
import { DomainEvents } from '../../main/core/domain-events';
import { lineFeatures, mediaDriverPicker } from '../../main/core/providers/number-types';
import { WebMediaService } from '../../main/core/providers/evo-go/web-media-service';
import type { EventSink } from '../../main/core/ports';
import { setupAttributes } from '../../main/core/providers/meta/sdp';
import { systemClock, type Clock } from '../../main/core/clock';
import { silentLogger } from '../../main/core/logging/logger';
import { NoNativeNotifier } from '../../main/core/notifications/notifier';
import { PilotClient } from '../../main/core/pilot/pilot-client';
import { startSimulatorServer, type RunningSimulator } from '../../main/simulator/sim-server';
import { Simulator } from '../../main/simulator/simulator';
import { CustomerPhone } from '../../main/simulator/meta/customer-phone';
import { ManualClock } from '../support/manual-clock';

type Emitted = { [E in keyof EventPayloads]: { event: E; payload: EventPayloads[E] } }[keyof EventPayloads];

let sim: RunningSimulator;
const phones: CustomerPhone[] = [];

/** The core with one META line to the simulator; a werift peer plays the renderer's part of the media protocol. */
const setUp = (clock: Clock = systemClock, preAccept = true) => {
  const number = sim.simulator.addNumber({ provider: 'META' });
  const client = new PilotClient({ baseUrl: sim.url, apiKey: async () => number.apiKey });
  const events: Emitted[] = [];
  const db = openCallLogDatabase(join(mkdtempSync(join(tmpdir(), 'meta-flow-')), 'log.sqlite'));
  const callLog = new CallLogRepository(db);
  const logger = silentLogger();
  const emit: EventSink = (event, payload) => {
    events.push({ event, payload } as Emitted);
    if (event === 'media.prepare') void renderer(payload as EventPayloads['media.prepare']);
  };
  const line = () => ({ id: 'line-1', label: 'Support', provider: 'META' as const, features: lineFeatures('META'), client });
  const domainEvents = new DomainEvents();
  const translate = () => ((key: string) => key) as never;
  new CallHistory({ db, callLog, clock, logger, emit, events: domainEvents, translate, line, isLive: () => false });
  const webMedia = new WebMediaService({ clock, logger, client: () => client, sampleRate: () => 16_000 });
  const service: CallService = new CallService({
    clock,
    logger,
    events: domainEvents,
    ringer: new CallRinger({ notifier: new NoNativeNotifier(), emit, logger, translate }),
    line,
    media: mediaDriverPicker({ clock, logger, emit, line, webMedia, preAcceptEnabled: () => preAccept, metaTimings: { answerPollMs: 50 } }),
  });
  /** The window's half of the media protocol: what it would answer `media.prepare` with, through the same command. */
  const described = (callId: string, sdp: string) => service.tracked(callId).driver.sdp!.described(sdp);
  const renderer = async (prepare: EventPayloads['media.prepare']) => {
    if (prepare.kind !== 'webrtc') return;
    const { callId, role, remoteSdp } = prepare;
    if (role === 'answer') {
      const { phone, answer } = await CustomerPhone.called(remoteSdp!, { kind: 'tone', hz: 1000 });
      phones.push(phone);
      described(callId, answer);
    } else {
      const { phone, offer } = await CustomerPhone.calling({ kind: 'tone', hz: 1000 });
      phones.push(phone);
      described(callId, offer);
    }
  };
  const of = <E extends keyof EventPayloads>(event: E) => events.filter((e) => e.event === event).map((e) => e.payload as EventPayloads[E]);
  return { number, client, service, events, of, callLog };
};

beforeEach(async () => {
  sim = await startSimulatorServer({ simulator: new Simulator({ ringTimeoutMs: 20_000 }), controlToken: 'control' });
});

afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
  await sim.close();
});

describe('inbound META call through the core', () => {
  it('pre-accepts with the answer as soon as it exists, then accepts with the identical SDP', async () => {
    const { number, client, service, of } = setUp();
    const simCall = await sim.simulator.meta.incomingCall({ numberId: number.id, from: '+5511987654321' });
    service.onIntake('line-1', { type: 'ringing', call: await client.getCall(simCall.id) });

    await expect.poll(() => of('media.prepare')[0]).toEqual({ callId: simCall.id, kind: 'webrtc', role: 'answer', remoteSdp: simCall.sdpOffer });
    await expect.poll(() => sim.simulator.call(simCall.id)!.preAcceptSdp).not.toBeNull();
    expect(sim.simulator.call(simCall.id)!.status).toBe('RINGING');
    expect(service.list()[0]!.phase).toBe('ringing');

    const view = await service.answer(simCall.id);
    expect(view.phase).toBe('connected');
    const stored = sim.simulator.call(simCall.id)!;
    expect(stored.status).toBe('ACCEPTED');
    expect(stored.acceptSdp).toBe(stored.preAcceptSdp);
    expect(setupAttributes(stored.acceptSdp!)).toEqual(['active']);
    expect(of('media.start')).toEqual([{ callId: simCall.id }]);
  });

  it('without pre-accept, sends nothing while ringing and accepts with the answer', async () => {
    const { number, client, service } = setUp(systemClock, false);
    const simCall = await sim.simulator.meta.incomingCall({ numberId: number.id, from: '+5511987654321' });
    service.onIntake('line-1', { type: 'ringing', call: await client.getCall(simCall.id) });
    await expect.poll(() => service.tracked(simCall.id).machine.sdp).toBe('ready');
    expect(sim.simulator.call(simCall.id)!.preAcceptSdp).toBeNull();
    await service.answer(simCall.id);
    expect(sim.simulator.call(simCall.id)!.acceptSdp).toMatch(/^a=setup:active/m);
  });

  it('when the agent answers before the answer SDP exists, accepts as soon as it does', async () => {
    const { number, client, service } = setUp();
    const simCall = await sim.simulator.meta.incomingCall({ numberId: number.id, from: '+5511987654321' });
    service.onIntake('line-1', { type: 'ringing', call: await client.getCall(simCall.id) });
    const view = await service.answer(simCall.id);
    expect(view.phase).toBe('answering');
    await expect.poll(() => service.tracked(simCall.id).machine.phase).toBe('connected');
    expect(sim.simulator.call(simCall.id)!.acceptSdp).not.toBeNull();
  });
});

describe('outbound META call through the core', () => {
  it('sends Pilot an a=setup:active copy of the offer, applies the answer when it appears, connects and logs', async () => {
    const { service, of, callLog } = setUp();
    sim.simulator.meta.customer('+5521998877665', { permission: { status: 'permanent', expiresAt: null }, pickupDelayMs: 400 });
    const dialing = await service.dial('line-1', '+5521998877665');
    expect(dialing.phase).toBe('dialing');
    expect(of('media.prepare')[0]).toEqual({ callId: dialing.id, kind: 'webrtc', role: 'offer' });

    await expect.poll(() => service.tracked(dialing.id).machine.phase).toBe('ringing-out');
    const pilotId = service.tracked(dialing.id).pilotId!;
    const offerSent = sim.simulator.call(pilotId)!.sdpOffer!;
    expect(setupAttributes(offerSent)).toEqual(['active']);

    await expect.poll(() => of('media.remote').length).toBe(1);
    expect(of('media.remote')[0]).toEqual({ callId: dialing.id, sdp: sim.simulator.call(pilotId)!.sdpAnswer });
    await expect.poll(() => service.tracked(dialing.id).machine.phase).toBe('connected');
    expect(of('media.start')).toEqual([{ callId: dialing.id }]);

    await service.hangup(dialing.id);
    expect(sim.simulator.call(pilotId)!.status).toBe('COMPLETED');
    const [entry] = callLog.list({ limit: 5 });
    expect(entry).toMatchObject({ id: pilotId, direction: 'OUTBOUND', outcome: 'answered', peerNumber: '+5521998877665' });
  });

  it('ends as failed with Pilot\'s permission error, logged under the local id', async () => {
    const { service, callLog } = setUp();
    const dialing = await service.dial('line-1', '+5531991234567');
    await expect.poll(() => service.tracked(dialing.id).machine.phase).toBe('ended');
    const call = service.callView(dialing.id);
    expect(call.outcome).toBe('failed');
    expect(call.error?.code).toBe('META_CALL_PERMISSION_REQUIRED');
    expect(callLog.list({ limit: 5 })[0]).toMatchObject({ id: dialing.id, outcome: 'failed', direction: 'OUTBOUND' });
  });

  it('a call the customer rejects ends as declined', async () => {
    const { service } = setUp();
    sim.simulator.meta.customer('+5548996543210', { permission: { status: 'permanent', expiresAt: null }, pickup: 'reject', pickupDelayMs: 300 });
    const dialing = await service.dial('line-1', '+5548996543210');
    await expect.poll(() => service.tracked(dialing.id).machine.phase).toBe('ended');
    expect(service.callView(dialing.id).outcome).toBe('declined');
  });
});

describe('media that does not start', () => {
  it('is diagnosed a few seconds after connect from the renderer\'s reports, and cleared when audio flows', async () => {
    const clock = new ManualClock();
    const { number, client, service } = setUp(clock);
    const simCall = await sim.simulator.meta.incomingCall({ numberId: number.id, from: '+5511987654321' });
    service.onIntake('line-1', { type: 'ringing', call: await client.getCall(simCall.id) });
    await expect.poll(() => service.tracked(simCall.id).machine.sdp).toBe('ready');
    await service.answer(simCall.id);

    await clock.advanceSettling(4900);
    expect(service.callView(simCall.id).media.problem).toBeUndefined();
    await clock.advanceSettling(200);
    expect(service.callView(simCall.id).media.problem?.code).toBe('MEDIA_NOT_REPORTING');
    const report = { callId: simCall.id, rttMs: null, jitterMs: null, lossPercent: null, mos: null };
    service.tracked(simCall.id).driver.stats({ ...report, ice: 'checking', dtls: 'new', audioFlowing: false });
    expect(service.callView(simCall.id).media.problem).toMatchObject({ code: 'MEDIA_ICE_CHECKING', details: { ice: 'checking', secondsLeft: 15 } });
    service.tracked(simCall.id).driver.stats({ ...report, ice: 'connected', dtls: 'connected', audioFlowing: true, mos: 4.3 });
    expect(service.callView(simCall.id).media.problem).toBeUndefined();
  });
});
