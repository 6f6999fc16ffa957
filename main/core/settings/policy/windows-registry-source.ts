import { policyKeyKinds, type PolicyKey } from './policy-keys';
import type { PolicyReading, PolicySource } from './policy-source';
import { normaliseRoot, parseRegQuery, registryData, type RegistryKey } from './reg-query';

/** Runs `reg query KEY /s`; resolves its output, or null when the key does not exist. */
export interface RegistryPort {
  query(key: string): Promise<string | null>;
}

/** Where Group Policy writes the app's policy, under HKLM (machine) and HKCU (user). */
export const registryPolicyKey = 'Software\\Policies\\PilotStatus\\PilotSoftphone';
/** The subkey holding Defaults; values directly under the policy key are Enforced. */
export const defaultsSubkey = 'Defaults';

const isPolicyKey = (name: string): name is PolicyKey => Object.hasOwn(policyKeyKinds, name);

/** The JSON-shaped values of one registry key (lists may be a subkey of numbered values or a REG_MULTI_SZ). */
const valuesOf = (key: RegistryKey, origin: string): { values: Record<string, unknown>; problems: string[] } => {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const value of key.values) {
    if (!isPolicyKey(value.name)) {
      problems.push(`${origin}: unknown value "${value.name}"`);
      continue;
    }
    const data = registryData(value);
    const kind = policyKeyKinds[value.name];
    if (kind === 'boolean') values[value.name] = typeof data === 'number' ? data !== 0 : data;
    else if (kind === 'json' && typeof data === 'string') {
      try {
        values[value.name] = JSON.parse(data) as unknown;
      } catch {
        problems.push(`${origin}: ${value.name} is not valid JSON`);
      }
    } else values[value.name] = data;
  }
  for (const [name, sub] of key.subkeys) {
    const policyName = Object.keys(policyKeyKinds).find((k) => k.toLowerCase() === name);
    if (policyName && policyKeyKinds[policyName as PolicyKey] === 'list') {
      // ADMX list elements: one value per item, named 1, 2, 3 ...
      values[policyName] = [...sub.values].sort((a, b) => Number(a.name) - Number(b.name)).map((v) => String(registryData(v)));
    }
  }
  return { values, problems };
};

/**
 * Windows admin policy from the registry: HKLM values are Enforced, HKLM's
 * `Defaults` subkey holds Defaults; everything under HKCU (written by user
 * Group Policy) counts as Defaults only, below HKLM's.
 */
export class WindowsRegistrySource implements PolicySource {
  constructor(
    private readonly registry: RegistryPort,
    private readonly policyKey = registryPolicyKey,
  ) {}

  async read(): Promise<PolicyReading[]> {
    const readings: PolicyReading[] = [];
    const user = await this.load(`HKCU\\${this.policyKey}`);
    if (user) {
      const origin = normaliseRoot(`HKCU\\${this.policyKey}`);
      const top = valuesOf(user, origin);
      const defaults = user.subkeys.get(defaultsSubkey.toLowerCase());
      const nested = defaults ? valuesOf(defaults, `${origin}\\${defaultsSubkey}`) : { values: {}, problems: [] };
      readings.push(this.reading(origin, { Defaults: { ...top.values, ...nested.values } }, [...top.problems, ...nested.problems]));
    }
    const machine = await this.load(`HKLM\\${this.policyKey}`);
    if (machine) {
      const origin = normaliseRoot(`HKLM\\${this.policyKey}`);
      const enforced = valuesOf(machine, origin);
      const defaultsKey = machine.subkeys.get(defaultsSubkey.toLowerCase());
      const defaults = defaultsKey ? valuesOf(defaultsKey, `${origin}\\${defaultsSubkey}`) : null;
      const document = { ...(defaults ? { Defaults: defaults.values } : {}), Enforced: enforced.values };
      readings.push(this.reading(origin, document, [...enforced.problems, ...(defaults?.problems ?? [])]));
    }
    return readings;
  }

  private async load(key: string): Promise<RegistryKey | null> {
    const output = await this.registry.query(key);
    return output === null ? null : parseRegQuery(output, key);
  }

  private reading(origin: string, document: unknown, problems: string[]): PolicyReading {
    return problems.length > 0 ? { origin, problem: problems.join('; ') } : { origin, document };
  }
}
