/**
 * Call quality from WebRTC statistics: an estimated MOS (a simplified ITU-T
 * G.107 E-model, as VoIP monitors commonly use) and the warnings an agent
 * should see. Pure functions, tested in Node.
 */

export interface QualitySample {
  rttMs: number | null;
  jitterMs: number | null;
  lossPercent: number | null;
}

export type QualityWarning = 'rtt' | 'jitter' | 'loss' | 'mos';

/** Past these the call is likely to sound bad (issue 3's thresholds). */
export const qualityLimits = { rttMs: 400, jitterMs: 30, lossPercent: 3, mos: 3.5 } as const;

/** Estimated MOS (1–4.5) from round-trip time, jitter and loss; null when nothing is known yet. */
export const estimateMos = ({ rttMs, jitterMs, lossPercent }: QualitySample): number | null => {
  if (rttMs === null && jitterMs === null && lossPercent === null) return null;
  // One-way delay plus the jitter buffer it forces, plus codec delay.
  const effectiveLatency = (rttMs ?? 0) / 2 + 2 * (jitterMs ?? 0) + 10;
  let r = 93.2 - (effectiveLatency < 160 ? effectiveLatency / 40 : (effectiveLatency - 120) / 10);
  r -= 2.5 * (lossPercent ?? 0);
  r = Math.max(0, Math.min(100, r));
  const mos = 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r);
  return Math.round(Math.max(1, Math.min(4.5, mos)) * 100) / 100;
};

export const qualityWarnings = (sample: QualitySample, mos: number | null): QualityWarning[] => {
  const warnings: QualityWarning[] = [];
  if (sample.rttMs !== null && sample.rttMs > qualityLimits.rttMs) warnings.push('rtt');
  if (sample.jitterMs !== null && sample.jitterMs > qualityLimits.jitterMs) warnings.push('jitter');
  if (sample.lossPercent !== null && sample.lossPercent > qualityLimits.lossPercent) warnings.push('loss');
  if (mos !== null && mos < qualityLimits.mos) warnings.push('mos');
  return warnings;
};

/** The fields of `RTCStatsReport` entries this module reads (kept loose: browsers differ). */
export interface StatsEntry {
  type: string;
  kind?: string;
  state?: string;
  nominated?: boolean;
  selected?: boolean;
  currentRoundTripTime?: number;
  roundTripTime?: number;
  jitter?: number;
  packetsLost?: number;
  packetsReceived?: number;
  dtlsState?: string;
  iceState?: string;
  selectedCandidatePairId?: string;
  id: string;
}

export interface MediaSnapshot extends QualitySample {
  ice: string;
  dtls: string;
  packetsReceived: number;
  packetsLost: number;
  /** Inbound audio packets since the previous snapshot: media is flowing when above 0. */
  newPackets: number;
}

/** Reads one `getStats()` result; loss is per interval, so it needs the previous snapshot. */
export const snapshotOf = (entries: StatsEntry[], previous: MediaSnapshot | null, iceState: string): MediaSnapshot => {
  const transport = entries.find((e) => e.type === 'transport');
  const pair =
    entries.find((e) => e.id === transport?.selectedCandidatePairId) ??
    entries.find((e) => e.type === 'candidate-pair' && (e.selected || (e.nominated && e.state === 'succeeded')));
  const inbound = entries.find((e) => e.type === 'inbound-rtp' && e.kind === 'audio');
  const remoteInbound = entries.find((e) => e.type === 'remote-inbound-rtp' && e.kind === 'audio');
  const rtt = pair?.currentRoundTripTime ?? remoteInbound?.roundTripTime;
  const packetsReceived = inbound?.packetsReceived ?? 0;
  const packetsLost = Math.max(0, inbound?.packetsLost ?? 0);
  const received = packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = packetsLost - (previous?.packetsLost ?? 0);
  return {
    ice: transport?.iceState ?? iceState,
    dtls: transport?.dtlsState ?? 'new',
    rttMs: rtt === undefined ? null : Math.round(rtt * 1000),
    jitterMs: inbound?.jitter === undefined ? null : Math.round(inbound.jitter * 1000 * 10) / 10,
    lossPercent: received + lost > 0 ? Math.round((Math.max(0, lost) / (received + Math.max(0, lost))) * 1000) / 10 : inbound ? 0 : null,
    packetsReceived,
    packetsLost,
    newPackets: Math.max(0, received),
  };
};
