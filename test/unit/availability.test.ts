import { describe, expect, it } from 'vitest';
import type { AvailabilityChoice, AvailabilityView, CallPhase, CallView, LineAnswering } from '../../preload/contract';
import { activityTable, quietReasonOf, statusOf, step, type Activity, type ActivityEvent } from '../../main/core/availability/agent-activity';
import { AvailabilityService } from '../../main/core/availability/availability-service';
import { DomainEvents } from '../../main/core/domain-events';
import { silentLogger } from '../../main/core/logging/logger';
import { ManualClock } from '../support/manual-clock';

describe('the agent-activity table', () => {
  /** [from, event, to, effects] for every row. */
  const rows: [Activity, ActivityEvent, Activity, string[]][] = [
    ['idle', { type: 'call.started' }, 'on-call', []],
    ['idle', { type: 'agent.ready' }, 'idle', []],
    ['on-call', { type: 'call.started' }, 'on-call', []],
    ['on-call', { type: 'calls.over', wrapUpMs: 30_000 }, 'wrap-up', ['timer.start:30000']],
    ['on-call', { type: 'calls.over', wrapUpMs: 0 }, 'idle', []],
    ['wrap-up', { type: 'call.started' }, 'on-call', ['timer.stop']],
    ['wrap-up', { type: 'wrapUp.elapsed' }, 'idle', []],
    ['wrap-up', { type: 'agent.ready' }, 'idle', ['timer.stop']],
  ];

  it.each(rows)('%s + %o → %s %o', (from, event, to, effects) => {
    const result = step(from, event);
    expect(result.ok && result.activity).toBe(to);
    expect(result.ok && result.effects.map((e) => (e.type === 'timer.start' ? `${e.type}:${e.ms}` : e.type))).toEqual(effects);
  });

  it('has a row for every accepted event and refuses the others with a reason', () => {
    const accepted = activityTable().flatMap(({ activity, events }) => events.map((event) => `${activity} ${event}`));
    expect(accepted.sort()).toEqual([...new Set(rows.map(([from, event]) => `${from} ${event.type}`))].sort());
    expect(step('idle', { type: 'wrapUp.elapsed' })).toEqual({ ok: false, reason: 'wrapUp.elapsed is not allowed while idle' });
    expect(step('on-call', { type: 'agent.ready' }).ok).toBe(false);
  });

  it('says what the app goes by and whether a call rings', () => {
    expect(statusOf('away', 'on-call')).toBe('busy');
    expect(statusOf('available', 'wrap-up')).toBe('wrap-up');
    expect(statusOf('dnd', 'idle')).toBe('dnd');
    expect(quietReasonOf('available', 'idle')).toBeNull();
    expect(quietReasonOf('available', 'on-call')).toBeNull();
    expect(quietReasonOf('available', 'wrap-up')).toBe('wrap-up');
    expect(quietReasonOf('dnd', 'wrap-up')).toBe('dnd');
    expect(quietReasonOf('away', 'idle')).toBe('away');
  });
});

/** A call as the call service would publish it. */
const view = (id: string, phase: CallPhase, extra: Partial<CallView> = {}): CallView => ({
  id,
  accountId: 'line-1',
  lineLabel: 'Support',
  provider: 'EVO_GO',
  features: { permissions: false, prompts: true, listenIn: true, callingSettings: false },
  direction: 'INBOUND',
  peerNumber: '+5511987654321',
  phase,
  remoteStatus: phase.toUpperCase(),
  createdAt: '2026-11-20T12:00:00.000Z',
  media: { kind: 'pcm', muted: false, held: false, agentAudio: true, digits: false },
  logId: id,
  ...extra,
});

const setup = (options: { chosen?: AvailabilityChoice; lines?: Record<string, LineAnswering> } = {}) => {
  const clock = new ManualClock();
  const events = new DomainEvents();
  const emitted: AvailabilityView[] = [];
  const answered: string[] = [];
  const store = {
    availability: options.chosen ?? ('available' as AvailabilityChoice),
    setAvailability(choice: AvailabilityChoice) {
      this.availability = choice;
    },
    settings: { lineAnswering: options.lines ?? {} },
  };
  const service = new AvailabilityService({
    clock,
    logger: silentLogger(),
    events,
    emit: (event, payload) => event === 'availability.changed' && emitted.push(payload as AvailabilityView),
    store,
    answer: async (callId) => answered.push(callId),
  });
  const publish = (call: CallView, previousPhase: CallPhase | null) => events.publish('call.transitioned', { view: call, record: null, previousPhase });
  return { clock, service, store, emitted, answered, publish };
};

describe('availability', () => {
  it('is Busy while a call is under way and back to the choice after it, with no wrap-up on a line without one', () => {
    const { service, publish } = setup();
    expect(service.view()).toEqual({ chosen: 'available', status: 'available', wrapUp: null, autoAnswer: [] });
    publish(view('c1', 'ringing'), null);
    expect(service.view().status).toBe('available');
    publish(view('c1', 'answering'), 'ringing');
    expect(service.view().status).toBe('busy');
    publish(view('c1', 'connected'), 'answering');
    publish(view('c1', 'ended', { outcome: 'answered' }), 'connected');
    expect(service.view().status).toBe('available');
    expect(service.quietReason()).toBeNull();
  });

  it("gives a talked call its line's wrap-up time, in which calls ring quietly, until it runs out or the agent is ready", () => {
    const { clock, service, publish } = setup({ lines: { 'line-1': { autoAnswerSeconds: null, wrapUpSeconds: 30 } } });
    publish(view('c1', 'answering'), 'ringing');
    publish(view('c1', 'connected'), 'answering');
    publish(view('c1', 'ended', { outcome: 'answered', logId: 'call_1', contactName: 'Ana Souza' }), 'connected');
    // The window's id of the call (its notes are kept under it) and the customer's name from the contacts.
    expect(service.view()).toMatchObject({
      status: 'wrap-up',
      wrapUp: { callId: 'c1', accountId: 'line-1', lineLabel: 'Support', peerNumber: '+5511987654321', contactName: 'Ana Souza', endsAt: new Date(clock.now() + 30_000).toISOString() },
    });
    expect(service.quietReason()).toBe('wrap-up');
    clock.advance(29_999);
    expect(service.view().status).toBe('wrap-up');
    clock.advance(1);
    expect(service.view()).toMatchObject({ status: 'available', wrapUp: null });
    expect(service.quietReason()).toBeNull();

    publish(view('c2', 'answering'), 'ringing');
    publish(view('c2', 'connected'), 'answering');
    publish(view('c2', 'ended', { outcome: 'answered' }), 'connected');
    expect(service.ready().status).toBe('available');
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('has no wrap-up after a call nobody talked on here (declined, answered elsewhere, not answered)', () => {
    const { service, publish } = setup({ lines: { 'line-1': { autoAnswerSeconds: null, wrapUpSeconds: 30 } } });
    publish(view('c1', 'dialing', { direction: 'OUTBOUND' }), null);
    publish(view('c1', 'ringing-out', { direction: 'OUTBOUND' }), 'dialing');
    expect(service.view().status).toBe('busy');
    publish(view('c1', 'ended', { direction: 'OUTBOUND', outcome: 'missed' }), 'ringing-out');
    expect(service.view().status).toBe('available');
  });

  it('rings nobody while away or in do not disturb, and remembers the choice', () => {
    const { service, store, emitted } = setup();
    expect(service.set('dnd')).toMatchObject({ chosen: 'dnd', status: 'dnd' });
    expect(store.availability).toBe('dnd');
    expect(service.quietReason()).toBe('dnd');
    service.set('away');
    expect(service.quietReason()).toBe('away');
    service.set('available');
    expect(service.quietReason()).toBeNull();
    expect(emitted.map((v) => v.chosen)).toEqual(['dnd', 'away', 'available']);
  });

  it("answers a ringing call on its own after the line's seconds, only while the agent is available and free", async () => {
    const { clock, service, answered, publish } = setup({ lines: { 'line-1': { autoAnswerSeconds: 3, wrapUpSeconds: null } } });
    publish(view('c1', 'ringing'), null);
    expect(service.view().autoAnswer).toEqual([{ callId: 'c1', at: new Date(clock.now() + 3000).toISOString() }]);
    clock.advance(2999);
    expect(answered).toEqual([]);
    clock.advance(1);
    expect(answered).toEqual(['c1']);
    expect(service.view().autoAnswer).toEqual([]);

    // On a call already: the next one rings (call waiting) but is not answered over it.
    publish(view('c1', 'connected'), 'answering');
    publish(view('c2', 'ringing'), null);
    clock.advance(10_000);
    expect(answered).toEqual(['c1']);

    // Answered by hand first, or the agent stepped away: nothing is answered on its own.
    publish(view('c1', 'ended', { outcome: 'answered' }), 'connected');
    publish(view('c2', 'ended', { outcome: 'missed' }), 'ringing');
    publish(view('c3', 'ringing'), null);
    publish(view('c3', 'answering'), 'ringing');
    publish(view('c3', 'ended', { outcome: 'answered' }), 'answering');
    publish(view('c4', 'ringing'), null);
    expect(service.view().autoAnswer.map((a) => a.callId)).toEqual(['c4']);
    service.set('away');
    clock.advance(10_000);
    expect(answered).toEqual(['c1']);
    expect(service.view().autoAnswer).toEqual([]);
  });

  it('never answers a call that rings quietly on its own', () => {
    const { clock, answered, publish } = setup({ lines: { 'line-1': { autoAnswerSeconds: 1, wrapUpSeconds: null } } });
    publish(view('c1', 'ringing', { quiet: 'dnd' }), null);
    clock.advance(5000);
    expect(answered).toEqual([]);
  });
});
