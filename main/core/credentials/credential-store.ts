/**
 * Where API keys live. Production uses the OS keychain; nothing else in the
 * app may hold a key at rest (not settings, not the call log, not logs).
 */
export interface CredentialStore {
  get(accountId: string): Promise<string | null>;
  set(accountId: string, secret: string): Promise<void>;
  delete(accountId: string): Promise<boolean>;
}

/** Holds keys in memory only: the simulator's demo lines, whose keys die with the process. */
export class MemoryCredentialStore implements CredentialStore {
  private readonly secrets = new Map<string, string>();

  async get(accountId: string): Promise<string | null> {
    return this.secrets.get(accountId) ?? null;
  }

  async set(accountId: string, secret: string): Promise<void> {
    this.secrets.set(accountId, secret);
  }

  async delete(accountId: string): Promise<boolean> {
    return this.secrets.delete(accountId);
  }
}
