import { joinPath, type PolicyFiles } from './policy-files';
import type { PolicyReading, PolicySource } from './policy-source';

/** Where Linux packages and configuration management put the app's policy. */
export const linuxPolicyDir = '/etc/pilot-softphone';

/**
 * Linux admin policy: `policy.json`, then every `policy.d/*.json` in name
 * order (later files win key by key), so configuration management can drop
 * one file per concern.
 */
export class LinuxPolicyFilesSource implements PolicySource {
  constructor(
    private readonly files: PolicyFiles,
    private readonly dir = linuxPolicyDir,
  ) {}

  async read(): Promise<PolicyReading[]> {
    const fragments = joinPath(this.dir, 'policy.d');
    const paths = [
      joinPath(this.dir, 'policy.json'),
      ...(await this.files.list(fragments))
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => joinPath(fragments, name)),
    ];
    const readings: PolicyReading[] = [];
    for (const origin of paths) {
      const text = await this.files.read(origin);
      if (text === null) continue;
      try {
        readings.push({ origin, document: JSON.parse(text) as unknown });
      } catch (error) {
        readings.push({ origin, problem: `${origin} is not valid JSON: ${(error as Error).message}` });
      }
    }
    return readings;
  }
}
