import type { CallLogDatabase } from '../core/call-log/database';
import type { EventSink } from '../core/calls/call-service';
import { policyView, unavailableDeploymentHandlers, type DeploymentHandlers } from '../core/deployment/deployment-handlers';
import type { Logger } from '../core/logging/logger';
import type { ManagedSettingsStore } from '../core/settings/policy/managed-settings-store';
import type { Softphone } from '../core/softphone';

export interface DeploymentOptions {
  dataDir: string;
  version: string;
  host: 'electron' | 'browser';
  logger: Logger;
  settings: ManagedSettingsStore;
  callLogDb: CallLogDatabase;
  emit: EventSink;
}

export interface Deployment {
  handlers: DeploymentHandlers;
  /** The core exists: calls can be watched (updates wait for them). */
  attach(softphone: Softphone): void;
  stop(): void;
}

/** Admin policy, diagnostics export and updates for the contract, assembled once per runtime. */
export const createDeployment = (options: DeploymentOptions): Deployment => {
  const fallback = unavailableDeploymentHandlers();
  return {
    handlers: {
      ...fallback,
      'policy.status': () => policyView(options.settings),
    },
    attach: () => {},
    stop: () => {},
  };
};
