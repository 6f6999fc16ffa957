import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SelfTestReport } from '../../main/runtime/self-test/self-test-report';
import { repoRoot } from '../support/app-process';
import { desktopSessionMissing } from '../support/desktop-session';
import { tempDir } from '../support/temp-dir';

const missing = desktopSessionMissing();

/** `pilot-softphone --self-test --json` through the browser host's entry, as IT runs it. */
const selfTest = (env: NodeJS.ProcessEnv = {}) => {
  const profile = tempDir('pilot-self-test-profile-');
  try {
    const run = spawnSync(process.execPath, [join(repoRoot, 'dist/main/web.js'), '--self-test', '--json', '--data-dir', profile.path], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 170_000,
    });
    return { status: run.status, report: JSON.parse(run.stdout) as SelfTestReport, stderr: run.stderr };
  } finally {
    profile.remove();
  }
};

describe.skipIf(missing !== null)('unattended self-test (--self-test --json)', () => {
  beforeAll(() => {
    if (!existsSync(join(repoRoot, 'dist/self-test/audio-probe.js'))) spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: repoRoot, stdio: 'ignore' });
  }, 120_000);

  it('passes every check on this machine: keychain, call log, notification, microphone, speaker, a Meta call and a web call both ways', () => {
    const { status, report } = selfTest();
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual(['policy', 'keychain', 'call-log', 'notification', 'app', 'microphone', 'speaker', 'meta-call', 'web-call']);
    expect(report.checks.find((c) => c.name === 'meta-call')!.detail).toMatch(/customer heard 7\d\d Hz, the agent heard 7\d\d Hz back/);
    expect(report.checks.find((c) => c.name === 'web-call')!.detail).toMatch(/customer heard 1\d{3} Hz, the agent heard 1\d{3} Hz back/);
    expect(report).toMatchObject({ ok: true, failed: [], app: { host: 'browser' } });
    expect(status).toBe(0);
  }, 180_000);

  it('fails with exit 1 naming the microphone when the microphone is taken away', () => {
    const { status, report } = selfTest({ PILOT_SIMULATED_AUDIO_DEVICES: 'speaker' });
    expect(status).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.failed).toEqual(['microphone']);
    expect(report.checks.find((c) => c.name === 'microphone')!.detail).toMatch(/delivers only silence/);
  }, 180_000);
});
