import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagnosticsExportView, UpdateView } from '../../../preload/contract';
import type { CallLogDatabase } from '../../core/call-log/database';
import { policyView } from '../../core/deployment/deployment-handlers';
import { writeDiagnosticsBundle } from '../../core/diagnostics/diagnostics-bundle';
import { recentCallTimelines } from '../../core/diagnostics/recent-calls';
import type { ManagedSettingsStore } from '../../core/settings/policy/managed-settings-store';
import type { Softphone } from '../../core/softphone';
import { systemFacts } from './system-facts';

export interface DiagnosticsExportDeps {
  dataDir: string;
  version: string;
  host: 'electron' | 'browser';
  installKind: string;
  settings: ManagedSettingsStore;
  callLogDb: CallLogDatabase;
  updates: () => UpdateView;
  softphone: () => Softphone | null;
}

/** The log files of a profile, current first. */
export const logFilesOf = (dataDir: string): string[] => {
  const dir = join(dataDir, 'logs');
  try {
    return readdirSync(dir)
      .filter((name) => /^softphone\.log(\.\d+)?$/.test(name))
      .sort((a, b) => Number(a.split('.')[2] ?? 0) - Number(b.split('.')[2] ?? 0))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
};

/**
 * "Export diagnostics": a zip in `<profile>/diagnostics/` with the logs,
 * the settings in force (lines without keys), admin policy, updates,
 * versions and OS, the audio devices the window reported and the last
 * calls' signalling timelines.
 */
export const exportDiagnostics = async (deps: DiagnosticsExportDeps, audioDevices: unknown[]): Promise<DiagnosticsExportView> => {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const softphone = deps.softphone();
  return writeDiagnosticsBundle(join(deps.dataDir, 'diagnostics', `pilot-softphone-diagnostics-${stamp}.zip`), {
    logFiles: logFilesOf(deps.dataDir),
    documents: {
      versions: systemFacts(deps),
      settings: { inForce: deps.settings.settings, lines: deps.settings.accounts.map(({ id, label, provider, baseUrl }) => ({ id, label, provider, baseUrl })) },
      policy: policyView(deps.settings),
      updates: deps.updates(),
      'audio-devices': audioDevices,
      connections: softphone?.lines.connections() ?? [],
      calls: recentCallTimelines(deps.callLogDb),
    },
  });
};
