/**
 * A web-number call's quality from what its playback measures (the
 * worklet's report, about once a second): how deep the jitter buffer runs
 * and how much of what was played had to be concealed (invented to cover
 * audio that came late or not at all). Pure functions, tested in Node.
 */

/** Running totals of a playback report; each report carries them since the call's audio began. */
export interface PlaybackTotals {
  underruns: number;
  concealedMs: number;
  playedMs: number;
  /** Jitter-buffer depth readings since the previous report. */
  bufferMs: readonly number[];
}

export type PcmQualityWarning = 'concealment';

export interface PcmQualityReading {
  kind: 'pcm';
  /** Median jitter-buffer depth since the previous report, ms. */
  bufferMs: number | null;
  /** Share of what the speaker played since the previous report that was concealed, %. */
  concealedPercent: number | null;
  /** Times the buffer ran dry since the call's audio began. */
  underruns: number;
  warnings: PcmQualityWarning[];
}

/** Past this share of concealed audio words are lost (a loss rate comparable to the WebRTC panel's 3-5 %). */
export const concealmentLimitPercent = 5;

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * The reading for the latest report, given the one before. The first report has no share of concealed audio:
 * it covers the wait for the first frame, when the speaker plays silence by design.
 */
export const pcmQualityOf = (previous: PlaybackTotals | null, current: PlaybackTotals): PcmQualityReading => {
  const played = Math.max(0, current.playedMs - (previous?.playedMs ?? 0));
  const concealed = Math.max(0, current.concealedMs - (previous?.concealedMs ?? 0));
  const concealedPercent = previous && played + concealed > 0 ? Math.round((concealed / (played + concealed)) * 1000) / 10 : null;
  const depth = median(current.bufferMs);
  return {
    kind: 'pcm',
    bufferMs: depth === null ? null : Math.round(depth),
    concealedPercent,
    underruns: current.underruns,
    warnings: concealedPercent !== null && concealedPercent > concealmentLimitPercent ? ['concealment'] : [],
  };
};
