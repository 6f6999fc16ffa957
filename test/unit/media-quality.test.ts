import { describe, expect, it } from 'vitest';
import { estimateMos, qualityWarnings, snapshotOf, type StatsEntry } from '../../renderer/src/lib/media/quality';

describe('estimated MOS', () => {
  it('is high on a clean local call and falls with delay, jitter and loss', () => {
    const clean = estimateMos({ rttMs: 2, jitterMs: 1, lossPercent: 0 })!;
    expect(clean).toBeGreaterThan(4.3);
    expect(estimateMos({ rttMs: 600, jitterMs: 1, lossPercent: 0 })!).toBeLessThan(clean);
    expect(estimateMos({ rttMs: 2, jitterMs: 80, lossPercent: 0 })!).toBeLessThan(clean);
    expect(estimateMos({ rttMs: 2, jitterMs: 1, lossPercent: 12 })!).toBeLessThan(3.5);
    expect(estimateMos({ rttMs: 800, jitterMs: 100, lossPercent: 40 })).toBe(1);
    expect(estimateMos({ rttMs: null, jitterMs: null, lossPercent: null })).toBeNull();
  });
});

describe('quality warnings', () => {
  it('warn past RTT 400 ms, jitter 30 ms, loss 3 % and under MOS 3.5, not at the limits', () => {
    expect(qualityWarnings({ rttMs: 400, jitterMs: 30, lossPercent: 3 }, 3.5)).toEqual([]);
    expect(qualityWarnings({ rttMs: 401, jitterMs: 30.1, lossPercent: 3.1 }, 3.49)).toEqual(['rtt', 'jitter', 'loss', 'mos']);
    expect(qualityWarnings({ rttMs: null, jitterMs: null, lossPercent: null }, null)).toEqual([]);
  });
});

describe('stats snapshots', () => {
  const report = (received: number, lost: number): StatsEntry[] => [
    { id: 'T', type: 'transport', iceState: 'connected', dtlsState: 'connected', selectedCandidatePairId: 'P' },
    { id: 'P', type: 'candidate-pair', currentRoundTripTime: 0.123 },
    { id: 'I', type: 'inbound-rtp', kind: 'audio', jitter: 0.0042, packetsReceived: received, packetsLost: lost },
  ];

  it('reads RTT and jitter in ms, and loss and new packets over the last interval', () => {
    const first = snapshotOf(report(100, 0), null, 'connected');
    expect(first).toMatchObject({ ice: 'connected', dtls: 'connected', rttMs: 123, jitterMs: 4.2, lossPercent: 0, newPackets: 100 });
    const second = snapshotOf(report(190, 10), first, 'connected');
    expect(second).toMatchObject({ lossPercent: 10, newPackets: 90 });
    const stalled = snapshotOf(report(190, 10), second, 'connected');
    expect(stalled).toMatchObject({ newPackets: 0 });
  });

  it('says what it knows before media flows', () => {
    expect(snapshotOf([], null, 'checking')).toMatchObject({ ice: 'checking', dtls: 'new', rttMs: null, jitterMs: null, lossPercent: null, newPackets: 0 });
  });
});
