import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from './test/support/chromium';

const audioSpecs = ['e2e/meta-calls.spec.ts', 'e2e/web-audio.spec.ts', 'e2e/web-audio-resilience.spec.ts', 'e2e/web-dial.spec.ts', 'e2e/web-prompts-listen.spec.ts', 'e2e/web-mute-hold.spec.ts', 'e2e/headset-call-control.spec.ts', 'e2e/team-listen-in.spec.ts'];

export default defineConfig({
  testDir: 'test',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs() },
    viewport: { width: 1200, height: 820 },
    locale: 'en-US',
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
  },
  outputDir: 'test-results',
  projects: [
    // Calls whose audio is checked sample by sample run one at a time: a real-time call that shares two cores with
    // another call's worth of Chromium, app and simulator loses playout deadlines the app is not responsible for.
    // `npm test` runs this project first, on its own, then the rest (test/support/run-all.sh).
    { name: 'audio', testMatch: audioSpecs, workers: 1 },
    { name: 'app', testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'], testIgnore: audioSpecs },
  ],
});
