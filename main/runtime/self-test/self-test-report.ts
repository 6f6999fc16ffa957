/** The checks, in the order they run; a report names the ones that failed. */
export const selfTestChecks = ['policy', 'keychain', 'call-log', 'notification', 'app', 'microphone', 'speaker', 'meta-call', 'web-call'] as const;
export type SelfTestCheckName = (typeof selfTestChecks)[number];

export interface SelfTestCheck {
  name: SelfTestCheckName;
  ok: boolean;
  ms: number;
  /** What was checked and found, in one sentence. */
  detail: string;
}

export interface SelfTestReport {
  ok: boolean;
  app: { version: string; host: 'browser' | 'electron' };
  /** `system`, or why simulated devices stood in for the microphone and speaker. */
  audioDevices: string;
  startedAt: string;
  durationMs: number;
  checks: SelfTestCheck[];
  /** Names of the checks that failed, in order. */
  failed: SelfTestCheckName[];
}

/** The report as people read it: one line per check, then the verdict. */
export const formatSelfTestReport = (report: SelfTestReport): string => {
  const lines = [
    `Pilot Softphone ${report.app.version} self-test (${report.app.host} host; audio devices: ${report.audioDevices})`,
    ...report.checks.map((check) => `  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.name.padEnd(13)} ${check.detail} (${check.ms} ms)`),
    report.ok ? `Passed: ${report.checks.length} checks in ${(report.durationMs / 1000).toFixed(1)} s.` : `Failed: ${report.failed.join(', ')}.`,
  ];
  return `${lines.join('\n')}\n`;
};
