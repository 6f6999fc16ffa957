import { runCrashCycles } from '../reliability/crash-cycles';
import { expect, test } from './fixtures';

/**
 * The call log survives SIGKILL: the app is killed 10 times during a call
 * (ringing or talking) and twice during a CSV export of a 100,000-call log
 * (`npm run bench reliability` kills it 50 and 10 times). Between kills,
 * calls end and others ring and are missed while the app is down. At the
 * end: every call Pilot Status has is in the log exactly once with its final
 * outcome (reconciled from `GET /v1/calls` after each restart), the
 * pre-existing rows are byte-for-byte what they were, `integrity_check` is
 * ok, nothing was set aside as damaged, and no export was left looking
 * finished when it was not.
 */
test('no call is lost or damaged when the app is killed during calls and during exports', async ({ sim }) => {
  test.setTimeout(6 * 60_000);
  const report = await runCrashCycles({ sim, midCallKills: 10, exportKillEvery: 5 });
  console.log(`crash: ${JSON.stringify(report)}`);
  expect(report.midCallKills).toBe(10);
  expect(report.exportKills).toBe(2);
  expect({ lost: report.recordsLost, wrong: report.recordsWrong, seededChanged: report.seededChanged, integrity: report.integrity, setAside: report.setAside }).toEqual({
    lost: 0,
    wrong: 0,
    seededChanged: false,
    integrity: 'ok',
    setAside: 0,
  });
  expect(report.totalRows).toBe(report.expectedRows);
  expect([report.exportsIncomplete, report.leftoverParts]).toEqual([0, 0]);
  // At least one kill must really have hit an export mid-write, or this proves little about exports.
  expect(report.exportsCutShort).toBeGreaterThanOrEqual(1);
});
