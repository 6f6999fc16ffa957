import type { Logger } from '../../core/logging/logger';
import { LinuxPolicyFilesSource, linuxPolicyDir } from '../../core/settings/policy/linux-policy-files-source';
import { MacManagedPreferencesSource, managedPreferencesDir } from '../../core/settings/policy/macos-managed-preferences-source';
import { ManagedPolicy } from '../../core/settings/policy/managed-policy';
import type { PolicyFiles } from '../../core/settings/policy/policy-files';
import type { PolicyReading, PolicySource } from '../../core/settings/policy/policy-source';
import { WindowsRegistrySource, type RegistryPort } from '../../core/settings/policy/windows-registry-source';
import { nodePolicyFiles, regExeRegistry } from './node-policy-ports';

/** The app id policy is filed under on macOS (electron-builder.yml's appId). */
export const policyAppId = 'br.com.pilotstatus.softphone';

export interface PolicyPlaces {
  platform?: NodeJS.Platform;
  /** Linux: the folder holding policy.json and policy.d/ (root-owned; tests use a temp folder). */
  linuxDir?: string;
  /** macOS: the managed preferences folder. */
  macDir?: string;
  files?: PolicyFiles;
  registry?: RegistryPort;
}

/** The policy source of this platform. */
export const policySource = (places: PolicyPlaces = {}): PolicySource => {
  const files = places.files ?? nodePolicyFiles;
  switch (places.platform ?? process.platform) {
    case 'win32':
      return new WindowsRegistrySource(places.registry ?? regExeRegistry);
    case 'darwin':
      return new MacManagedPreferencesSource(files, policyAppId, places.macDir ?? managedPreferencesDir);
    default:
      return new LinuxPolicyFilesSource(files, places.linuxDir ?? linuxPolicyDir);
  }
};

/**
 * Reads this computer's admin policy. Nothing here stops the app from
 * starting: a place that cannot be read is a problem in the status (logged,
 * shown by the window), and the app runs on the rest or on its own defaults.
 */
export const loadPolicy = async (logger: Logger, places: PolicyPlaces = {}): Promise<ManagedPolicy> => {
  let readings: PolicyReading[];
  try {
    readings = await policySource(places).read();
  } catch (error) {
    readings = [{ origin: 'admin policy', problem: `Admin policy could not be read: ${(error as Error).message}` }];
  }
  const policy = new ManagedPolicy(readings);
  const { state, sources, problems } = policy.status;
  if (state === 'broken') logger.error({ problems, sources }, 'admin policy is broken; the broken part is ignored and the app runs on safe defaults');
  else if (state === 'applied') logger.info({ sources, locked: policy.lockedSettings() }, 'admin policy applied');
  return policy;
};
