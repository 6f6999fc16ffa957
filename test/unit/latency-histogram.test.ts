import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../main/core/providers/evo-go/latency-histogram';

describe('latency histogram', () => {
  it('gives percentiles to 0.1 ms, the mean, and how readings spread over 10 ms bands', () => {
    const histogram = new LatencyHistogram();
    // Readings clustered as the capture path's are: mostly about 21 ms, some 10 ms either side.
    for (let i = 0; i < 80; i++) histogram.add(21.3);
    for (let i = 0; i < 10; i++) histogram.add(11.3);
    for (let i = 0; i < 10; i++) histogram.add(31.3);
    expect(histogram.summary()).toEqual({ n: 100, p50: 21.3, p95: 31.3, max: 31.3, mean: 21.3, byTenMs: [0, 10, 80, 10] });
  });

  it('ignores readings that are not a duration and summarises nothing as zeros', () => {
    const histogram = new LatencyHistogram();
    histogram.add(Number.NaN);
    histogram.add(-1);
    expect(histogram.summary()).toEqual({ n: 0, p50: 0, p95: 0, max: 0, mean: 0, byTenMs: [] });
  });
});
