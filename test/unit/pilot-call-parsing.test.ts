import { describe, expect, it } from 'vitest';
import { parseCallList, pilotCallSchema } from '../../main/core/pilot/call-schema';

const call = (fields: Record<string, unknown>) => pilotCallSchema.parse({ id: 'call_1', status: 'COMPLETED', ...fields });

describe('a call as Pilot Status reports it, read leniently', () => {
  it('takes a fractional duration as whole seconds (the call log keeps whole seconds)', () => {
    expect(call({ durationSeconds: 12.5 }).durationSeconds).toBe(13);
    expect(call({ durationSeconds: 0.2 }).durationSeconds).toBe(0);
    expect(call({ durationSeconds: 42 }).durationSeconds).toBe(42);
  });

  it('reads a duration no call can have as unknown, not as a number the log cannot store', () => {
    expect(call({ durationSeconds: 1e300 }).durationSeconds).toBeNull();
    expect(call({ durationSeconds: 2 ** 60 }).durationSeconds).toBeNull();
  });

  it('keeps the rest of the list when one entry has a strange duration', () => {
    const parsed = parseCallList({ calls: [{ id: 'call_a', status: 'COMPLETED', durationSeconds: 61.7 }, { id: 'call_b', status: 'RINGING' }] });
    expect(parsed?.calls.map((c) => [c.id, c.durationSeconds])).toEqual([['call_a', 62], ['call_b', undefined]]);
  });
});
