import type { Logger } from '../../core/logging/logger';
import { LinuxPolicyFilesSource, linuxPolicyDir } from '../../core/settings/policy/linux-policy-files-source';
import { ManagedPolicy } from '../../core/settings/policy/managed-policy';
import type { PolicyFiles } from '../../core/settings/policy/policy-files';
import type { PolicyReading, PolicySource } from '../../core/settings/policy/policy-source';
import type { RegistryPort } from '../../core/settings/policy/windows-registry-source';
import { nodePolicyFiles, regExeRegistry } from './node-policy-ports';

/** The app id policy is filed under on macOS (electron-builder.yml's appId). */
export const policyAppId = 'br.com.pilotstatus.softphone';

export interface PolicyPlaces {
  platform?: NodeJS.Platform;
  /** Linux: the folder holding policy.json and policy.d/ (root-owned; tests use a temp folder). */
  linuxDir?: string;
  /** macOS: the managed preferences folder. */
  macDir?: string;
  /**
   * Folders (policy.json + policy.d/) read before this computer's own policy,
   * on any platform: the computer's wins key by key, so a folder given on the
   * command line can add policy but never loosen what IT enforces.
   */
  extraDirs?: readonly string[];
  files?: PolicyFiles;
  registry?: RegistryPort;
}

/** The policy source of this platform (the registry reader and the plist parser load only on their platforms). */
export const policySource = async (places: PolicyPlaces = {}): Promise<PolicySource> => {
  const files = places.files ?? nodePolicyFiles;
  switch (places.platform ?? process.platform) {
    case 'win32': {
      const { WindowsRegistrySource } = await import('../../core/settings/policy/windows-registry-source');
      return new WindowsRegistrySource(places.registry ?? regExeRegistry);
    }
    case 'darwin': {
      const { MacManagedPreferencesSource, managedPreferencesDir } = await import('../../core/settings/policy/macos-managed-preferences-source');
      return new MacManagedPreferencesSource(files, policyAppId, places.macDir ?? managedPreferencesDir);
    }
    default: {
      return new LinuxPolicyFilesSource(files, places.linuxDir ?? linuxPolicyDir);
    }
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
    const files = places.files ?? nodePolicyFiles;
    const extra = await Promise.all((places.extraDirs ?? []).map((dir) => new LinuxPolicyFilesSource(files, dir).read()));
    readings = [...extra.flat(), ...(await (await policySource(places)).read())];
  } catch (error) {
    readings = [{ origin: 'admin policy', problem: `Admin policy could not be read: ${(error as Error).message}` }];
  }
  // The schema checker (ajv) is loaded only when there is policy to check.
  const check = readings.length > 0 ? (await import('../../core/settings/policy/policy-document')).checkPolicyDocument : undefined;
  const policy = new ManagedPolicy(readings, check);
  const { state, sources, problems } = policy.status;
  if (state === 'broken') logger.error({ problems, sources }, 'admin policy is broken; the broken part is ignored and the app runs on safe defaults');
  else if (state === 'applied') logger.info({ sources, locked: policy.lockedSettings() }, 'admin policy applied');
  return policy;
};
