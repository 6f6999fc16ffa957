import fc from 'fast-check';
import type { CallView } from '../../preload/contract';
import { ensure, runProperty, type FuzzOptions, type FuzzResult } from './fuzz-run';
import { createFuzzWorld, worldKeys } from './fuzz-world';
import { pilotAnswer, pilotCall, toResponse, type PilotAnswer } from './pilot-answers';

/** A few ids, so that successive polls see the same calls change (ring, connect, end, vanish, come back). */
const ids = fc.constantFrom('call_a', 'call_b', 'call_c', 'call_d', 'wacid.e');
const listAnswer: fc.Arbitrary<PilotAnswer> = fc
  .array(pilotCall(ids, 3000), { maxLength: 6 })
  .map((calls) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ calls }) }));

const step = fc.record({
  /** What the next poll of each line gets: mostly call lists, sometimes any answer at all. */
  list: fc.oneof({ weight: 5, arbitrary: listAnswer }, { weight: 1, arbitrary: pilotAnswer }),
  /** What asking for one call (its SDP, a call that fell off the list) and every action get. */
  single: fc.oneof({ weight: 3, arbitrary: pilotCall(ids, 3000).map((call) => ({ status: 200, headers: {}, body: JSON.stringify(call) }) as PilotAnswer) }, { weight: 1, arbitrary: pilotAnswer }),
  /** An agent action on one of the calls, now and then. */
  action: fc.option(fc.tuple(fc.constantFrom('calls.answer', 'calls.decline', 'calls.hangup', 'calls.mute', 'calls.hold', 'calls.listen'), ids)),
  advanceMs: fc.nat({ max: 2000 }),
});

/**
 * Pilot Status's answers to polling, fed to the assembled core: the poller,
 * the diff, the call state machine, the call log and reconciliation, with the
 * agent acting on calls in between. Properties: nothing throws or rejects;
 * every call the log held is still there with what it said; every call on
 * screen has a known phase; no key reaches a log line.
 */
export const fuzzIntake = async (options: FuzzOptions): Promise<FuzzResult> => {
  const world = await createFuzzWorld({ seeded: 100 });
  const fingerprint = world.seededFingerprint();
  const logged = new Set<string>();
  const phases = new Set(['dialing', 'ringing-out', 'canceling', 'ringing', 'answering', 'declining', 'connected', 'hanging-up', 'ended']);
  try {
    const result = await runProperty('poll-intake', options, fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
      for (const { list, single, action, advanceMs } of steps) {
        world.respond((method, url) => (method === 'GET' && url.pathname === '/v1/calls' ? toResponse(list) : toResponse(single)));
        for (const id of world.lineIds) await world.phone.lines.get(id)?.poller?.pollNow();
        if (action) {
          const [command, callId] = action;
          const request = command === 'calls.mute' ? { callId, muted: true } : command === 'calls.hold' ? { callId, held: true } : { callId };
          // Actions that wait for the window's media (a Meta answer) are not awaited past a moment.
          await Promise.race([world.phone.dispatch(command, request), new Promise((resolve) => setImmediate(resolve))]);
        }
        await world.clock.advanceSettling(advanceMs);
      }
      for (const row of world.db.prepare('SELECT id FROM calls').all() as { id: string }[]) logged.add(row.id);
      const present = new Set((world.db.prepare('SELECT id FROM calls').all() as { id: string }[]).map((r) => r.id));
      ensure([...logged].every((id) => present.has(id)), 'a call disappeared from the log');
      const listed = await world.phone.dispatch('calls.list', {});
      ensure(listed.ok, 'calls.list failed');
      for (const call of (listed.ok ? listed.value : []) as CallView[]) ensure(phases.has(call.phase), () => `a call in phase ${call.phase}`);
      const leaked = world.log.secretsSinceLastCheck(worldKeys);
      ensure(leaked.length === 0, 'a key reached the log');
    });
    if (result.failures === 0 && world.seededFingerprint() !== fingerprint) return { ...result, failures: 1, counterexample: 'what Pilot Status told about the logged calls changed' };
    return result;
  } finally {
    await world.close();
  }
};
