import type { CallLogDatabase } from '../core/call-log/database';
import type { EventSink } from '../core/ports';
import { policyView, unavailableDeploymentHandlers, type DeploymentHandlers } from '../core/deployment/deployment-handlers';
import type { Logger } from '../core/logging/logger';
import type { ManagedSettingsStore } from '../core/settings/policy/managed-settings-store';
import type { Softphone } from '../core/softphone';
import { UpdateController, type InstallKind, type UpdateFeed } from '../core/updates/update-controller';

/** What the host knows about updating itself (the desktop app); the browser host has none. */
export interface UpdateSetup {
  installKind: InstallKind;
  /** The update server the build was made with (app-update.yml), if any. */
  buildUrl: string | null;
  feed: (config: { url: string; channel: 'stable' | 'beta'; fromPolicy: boolean }) => UpdateFeed;
}

export interface DeploymentOptions {
  dataDir: string;
  version: string;
  host: 'electron' | 'browser';
  logger: Logger;
  settings: ManagedSettingsStore;
  callLogDb: CallLogDatabase;
  emit: EventSink;
  updates?: UpdateSetup;
}

export interface Deployment {
  handlers: DeploymentHandlers;
  updates: UpdateController;
  /** The core exists: updates wait for its calls, and start looking. */
  attach(softphone: Softphone): void;
  stop(): void;
}

/** Admin policy, diagnostics export and updates for the contract, assembled once per runtime. */
export const createDeployment = (options: DeploymentOptions): Deployment => {
  const fallback = unavailableDeploymentHandlers();
  const policy = options.settings.policy.updates();
  let softphone: Softphone | null = null;
  const updates = new UpdateController({
    policy,
    buildUrl: options.updates?.buildUrl ?? null,
    installKind: options.updates?.installKind ?? 'browser-host',
    currentVersion: options.version,
    feed: (config) => options.updates!.feed({ ...config, fromPolicy: policy.url !== null }),
    callsBusy: () => softphone?.calls.list().some((call) => call.phase !== 'ended') ?? false,
    emit: (view) => options.emit('updates.changed', view),
    logger: options.logger.child({ part: 'updates' }),
  });
  return {
    handlers: {
      ...fallback,
      'policy.status': () => policyView(options.settings),
      // Loaded on first use: the zip writer is not needed to take calls.
      'diagnostics.export': async (request) =>
        (await import('./diagnostics/export-diagnostics')).exportDiagnostics(
          { ...options, installKind: options.updates?.installKind ?? 'browser-host', updates: () => updates.status(), softphone: () => softphone },
          request.audioDevices,
        ),
      'updates.status': () => updates.status(),
      'updates.install': () => updates.installNow(),
    },
    updates,
    attach: (core) => {
      softphone = core;
      updates.start();
    },
    stop: () => updates.stop(),
  };
};
