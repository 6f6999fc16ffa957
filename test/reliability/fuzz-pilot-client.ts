import fc from 'fast-check';
import { outcomeOf } from '../../main/core/pilot/call-outcome';
import { CallDiff } from '../../main/core/events/call-diff';
import { statusKind } from '../../main/core/pilot/call-schema';
import { PilotClient } from '../../main/core/pilot/pilot-client';
import { PilotApiError } from '../../main/core/pilot/pilot-error';
import { ensure, runProperty, type FuzzOptions, type FuzzResult } from './fuzz-run';
import { pilotAnswer, toResponse } from './pilot-answers';

const base = 'https://pilot.fuzz.example';
const apiKey = 'ps_fuzzSecretKey_9f8e7d6c5b4a';

type Call = (client: PilotClient) => Promise<unknown>;
const calls: [string, Call][] = [
  ['listCalls', (c) => c.listCalls({ limit: 25 })],
  ['getCall', (c) => c.getCall('call_x', { includeSdp: true })],
  ['createCall', (c) => c.createCall({ to: '+5511987654321' })],
  ['realtimeSession', (c) => c.realtimeSession('call_x', 'talk')],
  ['accept', (c) => c.accept('call_x')],
  ['preAccept', (c) => c.preAccept('call_x', 'v=0')],
  ['terminate', (c) => c.terminate('call_x')],
  ['getPermissions', (c) => c.getPermissions('+5511987654321')],
  ['updateCallingSettings', (c) => c.updateCallingSettings({ status: 'ENABLED' })],
];

/**
 * Pilot Status answers of every shape, through the app's HTTP client and
 * what reads its results (call parsing, status kinds, outcomes, the poll
 * diff). Properties: every request ends in a value of the promised shape or
 * a typed `PilotApiError` with a code; the key goes only to the line's own
 * origin; no error message carries the key; nothing throws elsewhere.
 */
export const fuzzPilotClient = (options: FuzzOptions): Promise<FuzzResult> =>
  runProperty('pilot-answers', options, fc.tuple(fc.array(pilotAnswer, { minLength: 1, maxLength: 4 }), fc.nat({ max: calls.length - 1 })), async ([answers, which]) => {
    const sentTo: string[] = [];
    let next = 0;
    const client = new PilotClient({
      baseUrl: base,
      apiKey: async () => apiKey,
      timeoutMs: 2000,
      fetch: async (url) => {
        sentTo.push(new URL(String(url)).origin);
        return toResponse(answers[Math.min(next++, answers.length - 1)]!);
      },
    });
    const [name, call] = calls[which]!;
    let value: unknown;
    try {
      value = await call(client);
    } catch (error) {
      ensure(error instanceof PilotApiError, () => `${name} threw ${String(error)} instead of a PilotApiError`);
      const typed = error as PilotApiError;
      ensure(typeof typed.code === 'string' && typed.code.length > 0, `${name}: an error without a code`);
      ensure(!typed.message.includes(apiKey) && !JSON.stringify(typed.toAppError()).includes(apiKey), `${name}: the key is in the error`);
      value = undefined;
    }
    ensure(sentTo.every((origin) => origin === base), () => `${name}: a request went to ${sentTo.join(', ')}`);
    if (name === 'listCalls' && value !== undefined) {
      const list = value as { calls: { id: unknown; status: unknown; peerNumber: unknown }[]; rejected: unknown[] };
      ensure(Array.isArray(list.calls) && Array.isArray(list.rejected), 'listCalls: not two lists');
      for (const call of list.calls) {
        ensure(typeof call.id === 'string' && call.id.length > 0 && typeof call.status === 'string' && typeof call.peerNumber === 'string', () => `listCalls let through ${JSON.stringify(call).slice(0, 200)}`);
      }
      const diff = new CallDiff();
      diff.apply(list.calls as never);
      for (const call of list.calls as never[]) {
        statusKind(call);
        outcomeOf(call);
      }
    }
    if (name === 'createCall' && value !== undefined) ensure(typeof (value as { id: unknown }).id === 'string', 'createCall without an id');
    if (name === 'realtimeSession' && value !== undefined) ensure(typeof (value as { wsUrl: unknown }).wsUrl === 'string', 'a realtime session without a wsUrl');
  });
