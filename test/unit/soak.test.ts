import { describe, expect, it } from 'vitest';
import { runSoak } from '../reliability/soak';

/**
 * An hour of an agent's day on the manual clock (three lines polling the
 * simulator, a call every few minutes, faults sprinkled), at `npm test`
 * size; `npm run bench reliability` runs eight hours and reports the slopes.
 */
describe('soak: an hour of calls and faults', () => {
  it('keeps handles, sockets and heap flat, and the call log holds exactly the calls', async () => {
    const report = await runSoak({ simulatedHours: 1, sampleEveryMinutes: 5, warmUpHours: 0.25 });
    const first = report.samples[1]!;
    const last = report.samples.at(-1)!;
    console.log(`soak: ${report.calls} calls, ${report.polls} polls, ${report.faults} faults in ${report.realSeconds} s; slopes ${JSON.stringify(report.slopes)}`);
    expect(report.calls).toBeGreaterThanOrEqual(8);
    expect(report.faults).toBeGreaterThanOrEqual(2);
    expect([report.missingFromLog, report.extraInLog]).toEqual([0, 0]);
    // Every call made, plus at most the one call a fault slipped into a list (kept as Pilot Status reported it).
    expect(report.logRows - report.calls).toBeGreaterThanOrEqual(0);
    expect(report.logRows - report.calls).toBeLessThanOrEqual(1);
    expect(report.secretsInLog).toBe(0);
    // Once every call has ended, what the calls opened is closed again: a socket or handle kept per call would
    // leave the end well above the start. (Pooled keep-alive connections to the simulator come and go, and the
    // simulator runs in this process too, so each counts twice: a margin of two.)
    expect(last.sockets).toBeLessThanOrEqual(first.sockets + 2);
    expect(last.handles).toBeLessThanOrEqual(first.handles + 2);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const third = Math.floor(report.samples.length / 3);
    const growthMb = median(report.samples.slice(-third).map((s) => s.heapMb)) - median(report.samples.slice(1, third + 1).map((s) => s.heapMb));
    expect(growthMb).toBeLessThan(8);
  }, 600_000);
});
