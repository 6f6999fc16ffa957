import { describe, expect, it } from 'vitest';
import type { PilotCall } from '../../main/core/pilot/call-schema';
import { CallDiff } from '../../main/core/events/call-diff';

const call = (id: string, status: string, extra: Partial<PilotCall> = {}): PilotCall => ({
  id,
  status,
  direction: 'INBOUND',
  peerNumber: '5511987654321',
  createdAt: '2026-11-20T12:00:00.000Z',
  ...extra,
});

const types = (diff: CallDiff, calls: PilotCall[]) => diff.apply(calls).map((e) => `${e.type}:${e.call.id}`);

describe('call list diff', () => {
  it('turns successive snapshots into ringing, connected and ended, each once', () => {
    const diff = new CallDiff();
    expect(types(diff, [call('a', 'RINGING')])).toEqual(['ringing:a']);
    expect(types(diff, [call('a', 'RINGING')])).toEqual([]);
    expect(types(diff, [call('a', 'ACCEPTED', { connectedAt: '2026-11-20T12:00:05Z' })])).toEqual(['connected:a']);
    expect(types(diff, [call('a', 'COMPLETED', { connectedAt: '2026-11-20T12:00:05Z', endedAt: '2026-11-20T12:01:00Z', durationSeconds: 55 })])).toEqual(['ended:a']);
    expect(types(diff, [call('a', 'COMPLETED', { connectedAt: '2026-11-20T12:00:05Z', endedAt: '2026-11-20T12:01:00Z', durationSeconds: 55 })])).toEqual([]);
  });

  it('never rings a call twice, even if it drops out of the list and comes back ringing', () => {
    const diff = new CallDiff();
    expect(types(diff, [call('a', 'RINGING')])).toEqual(['ringing:a']);
    expect(types(diff, [])).toEqual([]);
    expect(types(diff, [call('a', 'INITIATED')])).toEqual(['updated:a']);
    expect(types(diff, [call('a', 'RINGING')])).toEqual(['updated:a']);
  });

  it('calls first met past ringing are "seen" (logged, not rung); outbound calls never ring', () => {
    const diff = new CallDiff();
    expect(
      types(diff, [call('c', 'COMPLETED', { endedAt: '2026-11-20T12:00:09Z' }), call('b', 'ACCEPTED'), call('o', 'RINGING', { direction: 'OUTBOUND' })]),
    ).toEqual(['seen:o', 'seen:b', 'seen:c']);
  });

  it('reports calls oldest first within one snapshot (the API lists newest first)', () => {
    const diff = new CallDiff();
    expect(types(diff, [call('new', 'RINGING'), call('old', 'RINGING')])).toEqual(['ringing:old', 'ringing:new']);
  });

  it('keeps unknown statuses as updates and treats an unknown status with endedAt as ended', () => {
    const diff = new CallDiff();
    diff.apply([call('a', 'RINGING')]);
    expect(types(diff, [call('a', 'ON_HOLD_BY_PROVIDER')])).toEqual(['updated:a']);
    expect(types(diff, [call('a', 'ARCHIVED', { endedAt: '2026-11-20T12:02:00Z' })])).toEqual(['ended:a']);
  });

  it('follows live calls so they can be fetched when they leave the first page', () => {
    const diff = new CallDiff();
    diff.apply([call('a', 'RINGING'), call('b', 'ACCEPTED'), call('c', 'MISSED')]);
    expect(diff.liveIds().sort()).toEqual(['a', 'b']);
    expect(diff.hasLiveCalls()).toBe(true);
    diff.apply([call('a', 'MISSED'), call('b', 'COMPLETED')]);
    expect(diff.hasLiveCalls()).toBe(false);
  });

  it('forgets the oldest calls beyond its memory but still never re-rings a remembered one', () => {
    const diff = new CallDiff(3);
    for (const id of ['a', 'b', 'c', 'd']) diff.apply([call(id, 'MISSED')]);
    expect(types(diff, [call('d', 'MISSED')])).toEqual([]);
    expect(types(diff, [call('a', 'MISSED')])).toEqual(['seen:a']);
  });
});
