import { parse } from 'plist';
import { joinPath, type PolicyFiles } from './policy-files';
import type { PolicyReading, PolicySource } from './policy-source';

/** Where macOS puts the preferences an MDM profile (Jamf, Intune, a .mobileconfig) manages. */
export const managedPreferencesDir = '/Library/Managed Preferences';

/**
 * macOS admin policy: `/Library/Managed Preferences/<appId>.plist`, written
 * by the system from a configuration profile. Its `Enforced` and `Defaults`
 * dictionaries hold the two levels.
 */
export class MacManagedPreferencesSource implements PolicySource {
  constructor(
    private readonly files: PolicyFiles,
    private readonly appId: string,
    private readonly dir = managedPreferencesDir,
  ) {}

  async read(): Promise<PolicyReading[]> {
    const origin = joinPath(this.dir, `${this.appId}.plist`);
    const text = await this.files.read(origin);
    if (text === null) return [];
    try {
      return [{ origin, document: withoutProfileKeys(parse(text)) }];
    } catch (error) {
      return [{ origin, problem: `${origin} is not a readable property list: ${(error as Error).message.split('\n')[0]}` }];
    }
  }
}

/** macOS adds its own bookkeeping keys to managed preferences; they are not policy. */
const withoutProfileKeys = (value: unknown): unknown => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('Payload') && key !== 'PolicyBannerText' && !key.startsWith('com.apple.')));
};
