import { AsyncEntry } from '@napi-rs/keyring';
import { AppFailure } from '../errors';
import type { CredentialStore } from './credential-store';

/** The service name under which keys appear in Keychain Access, Credential Manager or Seahorse. */
export const keychainService = 'Pilot Softphone';

/**
 * API keys in the OS keychain (macOS Keychain, Windows Credential Manager,
 * Secret Service on Linux) through @napi-rs/keyring's async entries, so a
 * slow unlock prompt never blocks the main thread.
 */
export class KeychainCredentialStore implements CredentialStore {
  constructor(private readonly service = keychainService) {}

  async get(accountId: string): Promise<string | null> {
    return this.guard('read', () => this.entry(accountId).getPassword());
  }

  async set(accountId: string, secret: string): Promise<void> {
    await this.guard('save', () => this.entry(accountId).setPassword(secret));
  }

  async delete(accountId: string): Promise<boolean> {
    return this.guard('delete', () => this.entry(accountId).deleteCredential());
  }

  private entry(accountId: string): AsyncEntry {
    return new AsyncEntry(this.service, accountId);
  }

  private async guard<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new AppFailure(
        'KEYCHAIN_UNAVAILABLE',
        `Could not ${action} the API key in the system keychain: ${(error as Error).message}`,
      );
    }
  }
}
