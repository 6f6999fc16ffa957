import { describe, expect, it } from 'vitest';
import { createDispatcher, type CommandHandlers } from '../../main/core/commands/dispatcher';
import { AppFailure } from '../../main/core/errors';
import { silentLogger } from '../../main/core/logging/logger';

const calls: unknown[] = [];
const handlers = new Proxy({} as CommandHandlers, {
  get: (_t, name: string) => (request: unknown) => {
    calls.push({ name, request });
    if (name === 'calls.answer') throw new AppFailure('CALL_NOT_FOUND', 'gone');
    if (name === 'calls.hangup') throw new Error('boom');
    return { handled: name };
  },
});
const dispatch = createDispatcher(handlers, silentLogger());

describe('contract dispatcher (main side)', () => {
  it('runs a valid command and wraps its value', async () => {
    expect(await dispatch('accounts.list', {})).toEqual({ ok: true, value: { handled: 'accounts.list' } });
  });

  it('refuses names the contract does not list, including prototype tricks', async () => {
    for (const name of ['fs.readFile', '__proto__', 'constructor', 'toString']) {
      expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    }
  });

  it('checks requests against the schema: the renderer is not trusted', async () => {
    calls.length = 0;
    const extra = await dispatch('calls.answer', { callId: 'call_1', evil: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const badKey = await dispatch('accounts.add', { label: 'Support', provider: 'META', apiKey: 'Bearer abc' });
    expect(badKey).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { field: 'apiKey', reason: 'API_KEY_PREFIX' } } });
    const badUrl = await dispatch('accounts.add', { label: 'Support', provider: 'META', apiKey: 'ps_abcdefgh1234', baseUrl: 'javascript:alert(1)' });
    expect(badUrl).toMatchObject({ ok: false, error: { details: { field: 'baseUrl' } } });
    const badProvider = await dispatch('accounts.add', { label: 'Support', provider: 'SIP', apiKey: 'ps_abcdefgh1234' });
    expect(badProvider).toMatchObject({ ok: false, error: { details: { field: 'provider' } } });
    expect(calls).toEqual([]);
  });

  it('refuses a history cursor that does not fit the sort, before any handler runs', async () => {
    calls.length = 0;
    const wrong = await dispatch('history.query', { sort: { key: 'duration', order: 'asc' }, after: [0, 0] });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', details: { reason: 'CURSOR_SORT_MISMATCH' } } });
    expect(await dispatch('history.query', { after: [1, 2, 3] })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(calls).toEqual([]);
    expect(await dispatch('history.query', { sort: { key: 'duration', order: 'asc' }, after: [0, 0, 0] })).toMatchObject({ ok: true });
  });

  it('trims what agents paste and passes the cleaned request on', async () => {
    calls.length = 0;
    await dispatch('accounts.add', { label: '  Support ', provider: 'EVO_GO', apiKey: ' ps_abcdefgh1234\n' });
    expect(calls).toEqual([{ name: 'accounts.add', request: { label: 'Support', provider: 'EVO_GO', apiKey: 'ps_abcdefgh1234' } }]);
  });

  it('turns failures into error results, never throws', async () => {
    expect(await dispatch('calls.answer', { callId: 'call_1' })).toEqual({ ok: false, error: { code: 'CALL_NOT_FOUND', message: 'gone' } });
    expect(await dispatch('calls.hangup', { callId: 'call_1' })).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });
});
