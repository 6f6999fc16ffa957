import { AsyncEntry } from '@napi-rs/keyring';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keychainService } from '../../main/core/credentials/keychain-store';

export interface ProfileLine {
  id: string;
  label: string;
  provider: 'META' | 'EVO_GO';
  baseUrl: string;
  apiKey: string;
}

/**
 * A profile folder as an agent's would be after setting up: `settings.json`
 * with the given lines and settings, and each line's key in the (private
 * test session's) keychain. `forget` removes the keys again.
 */
export const preparedProfile = async (lines: ProfileLine[], settings: Record<string, unknown> = {}): Promise<{ dataDir: string; forget(): Promise<void> }> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pilot-profile-'));
  const accounts = lines.map(({ id, label, provider, baseUrl }) => ({ id, label, provider, baseUrl }));
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, locale: 'en', ...settings, accounts }));
  for (const line of lines) await new AsyncEntry(keychainService, line.id).setPassword(line.apiKey);
  return {
    dataDir,
    forget: async () => {
      for (const line of lines) await new AsyncEntry(keychainService, line.id).deleteCredential();
    },
  };
};
