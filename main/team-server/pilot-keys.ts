import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config-error';

/** Per number: its Pilot Status key and, when webhooks are used, the secret in its webhook address. */
export interface NumberSecrets {
  apiKey: string;
  /** At least 32 characters; absent: webhooks for this number are refused and polling alone follows it. */
  webhookSecret?: string;
}

export type PilotKeys = ReadonlyMap<string, NumberSecrets>;

const entrySchema = z
  .object({
    apiKey: z.string().regex(/^ps_[A-Za-z0-9_-]{8,200}$/, 'apiKey must look like ps_...'),
    webhookSecret: z.string().regex(/^[A-Za-z0-9_-]{32,200}$/, 'webhookSecret must be 32-200 letters, digits, "-" or "_"').optional(),
  })
  .strict();

/**
 * Reads the keys file (`PILOT_KEYS_FILE`): `{"<number id>": {"apiKey": "ps_...",
 * "webhookSecret": "..."}}`. Every configured number needs a key. The file
 * should be readable by the service only; a file others can read is refused,
 * since it holds the company's keys. Errors name the number, never the key.
 */
export const readPilotKeys = (file: string, numberIds: readonly string[]): PilotKeys => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the Pilot Status keys file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new ConfigError(`the keys file ${file} can be read by other users: chmod 600 it (it holds the Pilot Status keys)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`the keys file ${file} is not valid JSON`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ConfigError(`the keys file ${file} must be a JSON object keyed by number id`);
  const keys = new Map<string, NumberSecrets>();
  for (const [id, value] of Object.entries(json)) {
    if (!numberIds.includes(id)) throw new ConfigError(`the keys file ${file} has a key for "${id}", which is not a number in the config`);
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) throw new ConfigError(`the keys file ${file}, number "${id}": ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    keys.set(id, parsed.data);
  }
  const missing = numberIds.filter((id) => !keys.has(id));
  if (missing.length) throw new ConfigError(`the keys file ${file} has no key for: ${missing.join(', ')}`);
  return keys;
};
