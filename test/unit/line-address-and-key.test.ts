import { describe, expect, it } from 'vitest';
import { createDispatcher, type CommandHandlers } from '../../main/core/commands/dispatcher';
import { toAppError } from '../../main/core/errors';
import { assertKeyMayFollowAddress } from '../../main/core/lines/key-origin';
import { silentLogger } from '../../main/core/logging/logger';
import { keyMayGoTo, normalizePilotAddress, pilotAddressProblem } from '../../preload/contract/pilot-address';
import en from '../../resources/locales/en.json';
import ptBR from '../../resources/locales/pt-BR.json';

const handled: unknown[] = [];
const handlers = new Proxy({} as CommandHandlers, {
  get: (_t, name: string) => (request: unknown) => {
    handled.push({ name, request });
    return { handled: name };
  },
});
const dispatch = createDispatcher(handlers, silentLogger());
const add = (fields: Record<string, unknown>) => dispatch('accounts.add', { label: 'Support', provider: 'META', apiKey: 'ps_abcdefgh1234', ...fields });
const reasonOf = async (fields: Record<string, unknown>) => {
  const result = await add(fields);
  return result.ok ? null : result.error.details?.reason;
};

describe('add-line form: API keys the contract allows', () => {
  it('accepts ps_ followed by any URL-safe secret, short ones included', async () => {
    for (const key of ['ps_k', 'ps_abc123', 'ps_A-b_c.d~e', `ps_${'x'.repeat(400)}`]) expect([key, await reasonOf({ apiKey: key })]).toEqual([key, null]);
  });

  it('refuses only what cannot be a key, saying exactly why', async () => {
    expect(await reasonOf({ apiKey: 'Bearer abc' })).toBe('API_KEY_PREFIX');
    expect(await reasonOf({ apiKey: 'sk_live_abc' })).toBe('API_KEY_PREFIX');
    expect(await reasonOf({ apiKey: 'ps_' })).toBe('API_KEY_EMPTY');
    expect(await reasonOf({ apiKey: 'ps_abc def' })).toBe('API_KEY_CHARACTERS');
    expect(await reasonOf({ apiKey: 'ps_abc/def' })).toBe('API_KEY_CHARACTERS');
    expect(await reasonOf({ apiKey: `ps_${'x'.repeat(600)}` })).toBe('API_KEY_TOO_LONG');
  });

  it('has a sentence in every language for each reason', () => {
    for (const reason of ['API_KEY_PREFIX', 'API_KEY_EMPTY', 'API_KEY_CHARACTERS', 'API_KEY_TOO_LONG', 'BASE_URL_FORMAT', 'BASE_URL_INSECURE', 'API_KEY_REQUIRED_FOR_ADDRESS']) {
      expect([reason, typeof (en.errors as Record<string, string>)[reason]]).toEqual([reason, 'string']);
      expect([reason, typeof (ptBR.errors as Record<string, string>)[reason]]).toEqual([reason, 'string']);
    }
  });
});

describe('a line\'s address: where its key is sent', () => {
  it('is https, or plain http only to this machine', async () => {
    expect(await reasonOf({ baseUrl: 'http://pilotstatus.com.br' })).toBe('BASE_URL_INSECURE');
    expect(await reasonOf({ baseUrl: 'http://192.168.0.10:8080' })).toBe('BASE_URL_INSECURE');
    expect(await reasonOf({ baseUrl: 'https://user:pw@pilotstatus.com.br' })).toBe('BASE_URL_FORMAT');
    expect(await reasonOf({ baseUrl: 'ftp://pilotstatus.com.br' })).toBe('BASE_URL_FORMAT');
    for (const address of ['https://pilotstatus.com.br', 'http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010']) {
      expect([address, await reasonOf({ baseUrl: address })]).toEqual([address, null]);
    }
    expect(pilotAddressProblem('http://127.0.0.1.evil.example')).toBe('BASE_URL_INSECURE');
  });

  it('is stored without a trailing /v1 or slash, a proxy prefix kept', async () => {
    handled.length = 0;
    await add({ baseUrl: 'https://staging.pilotstatus.com.br/v1/' });
    await add({ baseUrl: 'https://proxy.example.com/pilot/V1' });
    expect(handled.map((h) => (h as { request: { baseUrl: string } }).request.baseUrl)).toEqual(['https://staging.pilotstatus.com.br', 'https://proxy.example.com/pilot']);
    expect(normalizePilotAddress('https://x.example/v1/v1//')).toBe('https://x.example');
  });

  it('keeps the stored key on the origin it was entered for', () => {
    expect(keyMayGoTo('https://pilotstatus.com.br', 'https://pilotstatus.com.br/')).toBe(true);
    expect(keyMayGoTo('https://pilotstatus.com.br', 'https://pilotstatus.com.br:443/proxy')).toBe(true);
    expect(keyMayGoTo('https://pilotstatus.com.br', 'https://pilotstatus.com.br.evil.example')).toBe(false);
    expect(keyMayGoTo('https://pilotstatus.com.br', 'http://pilotstatus.com.br')).toBe(false);
    expect(keyMayGoTo('https://pilotstatus.com.br', 'https://pilotstatus.com.br:8443')).toBe(false);
    expect(keyMayGoTo('http://127.0.0.1:4010', 'http://127.0.0.1:4011')).toBe(false);
    expect(keyMayGoTo('not a url', 'not a url')).toBe(false);
  });

  it('an edit that moves a line to another origin without its key is refused, naming the key field', () => {
    const stored = { baseUrl: 'https://pilotstatus.com.br' };
    const refused = (() => {
      try {
        assertKeyMayFollowAddress(stored, { baseUrl: 'https://attacker.example' });
        return null;
      } catch (error) {
        return toAppError(error);
      }
    })();
    expect(refused).toMatchObject({ code: 'API_KEY_REQUIRED_FOR_ADDRESS', details: { field: 'apiKey', reason: 'API_KEY_REQUIRED_FOR_ADDRESS' } });
    expect(() => assertKeyMayFollowAddress(stored, { baseUrl: 'https://attacker.example', apiKey: 'ps_newkey' })).not.toThrow();
    expect(() => assertKeyMayFollowAddress(stored, { baseUrl: 'https://pilotstatus.com.br/' })).not.toThrow();
    expect(() => assertKeyMayFollowAddress(stored, { label: 'x' } as never)).not.toThrow();
  });
});
