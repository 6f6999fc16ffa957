// Prints one closing line over the vitest JSON report and one or more playwright JSON reports:
// "N passed, N failed, N skipped". Exits 1 when a report is missing or a test failed.
import { existsSync, readFileSync } from 'node:fs';

const [vitestFile, ...playwrightFiles] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let missing = false;

if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
  skipped += report.numPendingTests + report.numTodoTests;
} else missing = true;

for (const playwrightFile of playwrightFiles) {
  if (existsSync(playwrightFile)) {
    const { stats } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    skipped += stats.skipped;
  } else missing = true;
}

if (missing) console.log('a test report is missing: a runner did not finish');
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing ? 1 : 0);
