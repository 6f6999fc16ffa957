import { describe, expect, it } from 'vitest';
import { pcmQualityOf, type PlaybackTotals } from '../../renderer/src/lib/media/pcm-quality';

const totals = (over: Partial<PlaybackTotals>): PlaybackTotals => ({ underruns: 0, concealedMs: 0, playedMs: 0, bufferMs: [], ...over });

describe('web-number call quality from playback reports', () => {
  it('reads the median jitter-buffer depth and the share of concealed audio since the previous report', () => {
    const first = totals({ playedMs: 600, concealedMs: 400, bufferMs: [40, 60, 50] });
    // The first report covers the wait for the first frame: no share of concealment yet.
    expect(pcmQualityOf(null, first)).toEqual({ kind: 'pcm', bufferMs: 50, concealedPercent: null, underruns: 0, warnings: [] });
    const second = totals({ playedMs: 1580, concealedMs: 420, underruns: 1, bufferMs: [60, 62, 58, 70] });
    expect(pcmQualityOf(first, second)).toEqual({ kind: 'pcm', bufferMs: 61, concealedPercent: 2, underruns: 1, warnings: [] });
  });

  it('warns when more than 5 % of what was played had to be concealed', () => {
    const before = totals({ playedMs: 10_000, concealedMs: 100 });
    const lossy = totals({ playedMs: 10_900, concealedMs: 200, bufferMs: [120] });
    expect(pcmQualityOf(before, lossy)).toMatchObject({ concealedPercent: 10, warnings: ['concealment'] });
    expect(pcmQualityOf(before, totals({ playedMs: 10_950, concealedMs: 150 }))).toMatchObject({ concealedPercent: 5, warnings: [] });
  });

  it('has no depth when no reading came, and no share when nothing was played', () => {
    expect(pcmQualityOf(totals({}), totals({}))).toMatchObject({ bufferMs: null, concealedPercent: null });
  });
});
