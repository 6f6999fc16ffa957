import type { PolicyView } from '../../../preload/contract';
import type { Handlers } from '../commands/dispatcher';
import { AppFailure } from '../errors';
import type { ManagedSettingsStore } from '../settings/policy/managed-settings-store';

/** The handlers of the deployment commands (policy, diagnostics, updates), which the hosts' runtime assembles. */
export type DeploymentHandlers = Handlers<'policy.status' | 'diagnostics.export' | 'updates.status' | 'updates.install'>;

const noPolicy: PolicyView = { state: 'none', sources: [], problems: [], locked: [], pollBounds: { min: 250, max: 60_000 }, blockedLines: [], managedLines: [] };

/** Admin policy as the window shows it. */
export const policyView = (store: ManagedSettingsStore | null): PolicyView => {
  if (!store) return noPolicy;
  const { policy } = store;
  return {
    ...policy.status,
    locked: policy.lockedSettings(),
    pollBounds: policy.pollBounds(),
    blockedLines: store.blockedAccounts().map((a) => ({ id: a.id, label: a.label })),
    managedLines: policy
      .provisionedLines()
      .filter((line) => line.enforced)
      .map((line) => line.id),
  };
};

/** For a core assembled without them (unit tests of other parts): no policy, and no diagnostics or updates to offer. */
export const unavailableDeploymentHandlers = (): DeploymentHandlers => {
  const unavailable = (): never => {
    throw new AppFailure('FEATURE_NOT_AVAILABLE', 'This app was started without diagnostics and updates.');
  };
  return {
    'policy.status': () => noPolicy,
    'diagnostics.export': unavailable,
    'updates.status': unavailable,
    'updates.install': unavailable,
  };
};
