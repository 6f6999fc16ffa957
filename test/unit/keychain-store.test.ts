import { AsyncEntry } from '@napi-rs/keyring';
import { describe, expect, it } from 'vitest';
import { KeychainCredentialStore } from '../../main/core/credentials/keychain-store';
import { desktopSessionMissing } from '../support/desktop-session';

const missing = desktopSessionMissing();

describe.skipIf(missing !== null)('OS keychain credential store (real Secret Service)', () => {
  const service = `Pilot Softphone test ${process.pid}`;

  it('round-trips a key, replaces it, and deletes it', async () => {
    const store = new KeychainCredentialStore(service);
    expect(await store.get('line_x')).toBeNull();
    await store.set('line_x', 'ps_firstKey123456');
    expect(await store.get('line_x')).toBe('ps_firstKey123456');
    // Stored where any keychain tool would find it: service + account name.
    expect(await new AsyncEntry(service, 'line_x').getPassword()).toBe('ps_firstKey123456');
    await store.set('line_x', 'ps_secondKey654321');
    expect(await store.get('line_x')).toBe('ps_secondKey654321');
    expect(await store.delete('line_x')).toBe(true);
    expect(await store.get('line_x')).toBeNull();
    expect(await store.delete('line_x')).toBe(false);
  });

  it('keeps keys of different lines apart', async () => {
    const store = new KeychainCredentialStore(service);
    await store.set('line_a', 'ps_aaaaaaaaaaaa');
    await store.set('line_b', 'ps_bbbbbbbbbbbb');
    expect([await store.get('line_a'), await store.get('line_b')]).toEqual(['ps_aaaaaaaaaaaa', 'ps_bbbbbbbbbbbb']);
    await store.delete('line_a');
    await store.delete('line_b');
  });
});
