import { describe, expect, it } from 'vitest';
import { headsetCallState, headsetCalls, headsetCallStates, type HeadsetCallState } from '../../renderer/src/lib/headset/headset-calls';
import { decide, deviceEvents, headsetTable, type DeviceEvent } from '../../renderer/src/lib/headset/headset-table';
import { callsIn, callView } from '../support/headset-calls';
import { HeadsetRig } from '../support/headset-rig';

/**
 * Every row of the headset table, each through the controller with a Jabra
 * Link 380c's real report layout: the commands the app gives and the output
 * reports the headset receives. Jabra's report 2 lights: off-hook 0x01,
 * mute 0x04, ring 0x08, hold 0x10.
 */

const [offHook, mute, ring, hold] = [0x01, 0x04, 0x08, 0x10];
const lights = (bits: number): [number, number[]] => [2, [bits, 0x00]];

interface Outcome {
  row: string;
  commands: string[];
  reports: [number, number[]][];
}

/** The calls in `state`, a connected Jabra, then `events` (at the given times): the rows that decided, what went out. */
const run = async (state: HeadsetCallState, events: (DeviceEvent | [DeviceEvent, number])[], rig = new HeadsetRig()): Promise<Outcome & { rows: string[] }> => {
  await rig.start(callsIn[state]());
  const rows: string[] = [];
  for (const step of events) {
    const [event, at] = Array.isArray(step) ? step : [step, rig.clock];
    rig.clock = at;
    rows.push(rig.controller.deviceEvent(event).row.id);
  }
  await rig.settle();
  return { row: rows.at(-1)!, rows, commands: rig.commands, reports: rig.reports };
};

type RowId = (typeof headsetTable)[number]['id'];

/** One test per row (the row ids must match the table's, so a new row needs its test). */
const rowTests: Record<RowId, () => Promise<void>> = {
  'press-sent-twice': async () => {
    const twice = await run('live', [['mute.toggle', 0], ['mute.toggle', 50]]);
    expect(twice.rows).toEqual(['mute-toggle', 'press-sent-twice']);
    expect(twice.commands).toEqual(['mute c-live true']);
    expect(twice.reports).toEqual([lights(offHook | mute)]);
    // Past 150 ms it is a second press; another button within 150 ms is its own press.
    const again = await run('live', [['mute.toggle', 0], ['mute.toggle', 200], ['flash', 250]]);
    expect(again.commands).toEqual(['mute c-live true', 'mute c-live false', 'hold c-live']);
  },
  'hook-revert': async () => {
    const rig = new HeadsetRig();
    await rig.start(callsIn.ringing());
    rig.controller.deviceEvent('hook.offHook');
    rig.controller.callsChanged([callView('c-ring', 'connected', { at: 5 })]);
    rig.clock = 2000;
    expect(rig.controller.deviceEvent('hook.onHook').row.id).toBe('hook-revert');
    await rig.settle();
    expect(rig.commands).toEqual(['answer c-ring']);
    // The answer's acknowledgement, then the off-hook light again (the resync).
    expect(rig.reports).toEqual([lights(offHook), lights(offHook)]);
    rig.clock = 3000;
    expect(rig.controller.deviceEvent('hook.onHook').row.id).toBe('hang-up-by-hook');
    expect(rig.commands).toEqual(['answer c-ring', 'hangup c-ring']);
  },
  'mute-echo': async () => {
    const rig = new HeadsetRig();
    await rig.start([callView('c-live', 'connected', { muted: true })]);
    expect(rig.controller.deviceEvent('mute.on').row.id).toBe('mute-echo');
    await rig.settle();
    expect([rig.commands, rig.reports]).toEqual([[], []]);
  },
  'answer-by-hook': async () => {
    for (const event of ['hook.offHook', 'hook.toggle'] as const) {
      const outcome = await run('ringing', [event]);
      expect(outcome).toMatchObject({ row: 'answer-by-hook', commands: ['answer c-ring'], reports: [lights(offHook)] });
    }
  },
  'hook-follows-app': async () => {
    for (const state of ['live', 'held', 'liveHeld', 'liveRinging', 'heldRinging', 'liveHeldRinging'] as const) {
      expect(await run(state, ['hook.offHook'])).toMatchObject({ row: 'hook-follows-app', commands: [], reports: [] });
    }
  },
  'off-hook-without-call': async () => {
    expect(await run('idle', ['hook.offHook'])).toMatchObject({ row: 'off-hook-without-call', commands: [], reports: [lights(0)] });
    expect(await run('idle', ['hook.toggle'])).toMatchObject({ row: 'off-hook-without-call', commands: [], reports: [lights(0)] });
  },
  'hang-up-by-hook': async () => {
    expect(await run('live', ['hook.onHook'])).toMatchObject({ row: 'hang-up-by-hook', commands: ['hangup c-live'], reports: [lights(0)] });
    expect(await run('live', ['hook.toggle'])).toMatchObject({ row: 'hang-up-by-hook', commands: ['hangup c-live'], reports: [lights(0)] });
    expect(await run('held', ['hook.onHook'])).toMatchObject({ commands: ['hangup c-held'], reports: [lights(0)] });
    // A waiting call keeps ringing.
    expect(await run('liveRinging', ['hook.onHook'])).toMatchObject({ commands: ['hangup c-live'], reports: [lights(ring)] });
    expect(await run('heldRinging', ['hook.onHook'])).toMatchObject({ commands: ['hangup c-held'], reports: [lights(ring)] });
  },
  'hang-up-keeps-held': async () => {
    expect(await run('liveHeld', ['hook.onHook'])).toMatchObject({ row: 'hang-up-keeps-held', commands: ['hangup c-live'], reports: [lights(offHook | hold)] });
    expect(await run('liveHeldRinging', ['hook.toggle'])).toMatchObject({ commands: ['hangup c-live'], reports: [lights(offHook | hold | ring)] });
  },
  'on-hook-while-ringing': async () => {
    expect(await run('ringing', ['hook.onHook'])).toMatchObject({ row: 'on-hook-while-ringing', commands: [], reports: [lights(ring)] });
  },
  'hook-follows-app-idle': async () => {
    expect(await run('idle', ['hook.onHook'])).toMatchObject({ row: 'hook-follows-app-idle', commands: [], reports: [] });
  },
  'mute-toggle': async () => {
    expect(await run('live', ['mute.toggle'])).toMatchObject({ row: 'mute-toggle', commands: ['mute c-live true'], reports: [lights(offHook | mute)] });
    const rig = new HeadsetRig();
    await rig.start([callView('c-live', 'connected', { muted: true })]);
    rig.controller.deviceEvent('mute.toggle');
    await rig.settle();
    expect([rig.commands, rig.reports]).toEqual([['mute c-live false'], [lights(offHook)]]);
    // With a call waiting, the call talked on is the one muted.
    expect(await run('liveRinging', ['mute.toggle'])).toMatchObject({ commands: ['mute c-live true'], reports: [lights(offHook | ring | mute)] });
  },
  'mute-set': async () => {
    expect(await run('live', ['mute.on'])).toMatchObject({ row: 'mute-set', commands: ['mute c-live true'], reports: [lights(offHook | mute)] });
    const rig = new HeadsetRig();
    await rig.start([callView('c-live', 'connected', { muted: true })]);
    rig.controller.deviceEvent('mute.off');
    await rig.settle();
    expect([rig.commands, rig.reports]).toEqual([['mute c-live false'], [lights(offHook)]]);
  },
  'mute-without-call': async () => {
    expect(await run('ringing', ['mute.toggle'])).toMatchObject({ row: 'mute-without-call', commands: [], reports: [lights(ring)] });
    expect(await run('idle', ['mute.on'])).toMatchObject({ row: 'mute-without-call', commands: [], reports: [lights(0)] });
    expect(await run('held', ['mute.toggle'])).toMatchObject({ row: 'mute-without-call', commands: [], reports: [lights(offHook | hold)] });
  },
  'flash-holds': async () => {
    expect(await run('live', ['flash'])).toMatchObject({ row: 'flash-holds', commands: ['hold c-live'], reports: [lights(offHook | hold)] });
  },
  'flash-resumes': async () => {
    expect(await run('held', ['flash'])).toMatchObject({ row: 'flash-resumes', commands: ['resume c-held'], reports: [lights(offHook)] });
  },
  'flash-swaps': async () => {
    const rig = new HeadsetRig();
    const outcome = await run('liveHeld', ['flash'], rig);
    // Same lights (one talked on, one on hold): nothing to send.
    expect(outcome).toMatchObject({ row: 'flash-swaps', commands: ['hold c-live', 'resume c-held'], reports: [] });
    expect([rig.controller.view.active?.call.id, rig.controller.view.held?.call.id]).toEqual(['c-held', 'c-live']);
  },
  'flash-answers-waiting': async () => {
    expect(await run('liveRinging', ['flash'])).toMatchObject({ row: 'flash-answers-waiting', commands: ['hold c-live', 'answer c-ring'], reports: [lights(offHook | hold)] });
    expect(await run('liveHeldRinging', ['flash'])).toMatchObject({ commands: ['hold c-live', 'answer c-ring'], reports: [lights(offHook | hold)] });
  },
  'flash-answers-while-held': async () => {
    expect(await run('heldRinging', ['flash'])).toMatchObject({ row: 'flash-answers-while-held', commands: ['answer c-ring'], reports: [lights(offHook | hold)] });
  },
  'flash-without-call': async () => {
    expect(await run('idle', ['flash'])).toMatchObject({ row: 'flash-without-call', commands: [], reports: [] });
    expect(await run('ringing', ['flash'])).toMatchObject({ row: 'flash-without-call', commands: [], reports: [] });
  },
  'drop-hangs-up': async () => {
    expect(await run('live', ['drop'])).toMatchObject({ row: 'drop-hangs-up', commands: ['hangup c-live'], reports: [lights(0)] });
    expect(await run('liveHeld', ['drop'])).toMatchObject({ commands: ['hangup c-live'], reports: [] });
  },
  'drop-declines': async () => {
    expect(await run('ringing', ['drop'])).toMatchObject({ row: 'drop-declines', commands: ['decline c-ring'], reports: [lights(0)] });
  },
  'drop-without-call': async () => {
    expect(await run('idle', ['drop'])).toMatchObject({ row: 'drop-without-call', commands: [], reports: [] });
  },
  unplugged: async () => {
    for (const state of headsetCallStates) expect(await run(state, ['unplugged'])).toMatchObject({ row: 'unplugged', commands: [], reports: [] });
  },
};

describe('the headset table', () => {
  it('has a test for every row, and no test for a row it lacks', () => {
    expect(Object.keys(rowTests).sort()).toEqual(headsetTable.map((row) => row.id).sort());
  });

  it.each(Object.entries(rowTests))('row %s', async (_id, test) => {
    await test();
  });

  it('decides every call state × device event, without a guard when no quirk applies', () => {
    for (const state of headsetCallStates) {
      const calls = headsetCalls(callsIn[state]());
      expect(headsetCallState(calls)).toBe(state);
      for (const event of deviceEvents) {
        const { row } = decide(calls, event, { now: 0 });
        expect({ state, event, guarded: row.when ?? null }).toEqual({ state, event, guarded: null });
      }
    }
  });
});

describe('the calls as the headset sees them', () => {
  it('answers the call that rang first; the newest in-use call is the one talked on', () => {
    const calls = headsetCalls([callView('late', 'ringing', { at: 9 }), callView('early', 'ringing', { at: 3 }), callView('a', 'connected', { at: 1 }), callView('b', 'connected', { at: 2 })]);
    expect(calls.ringing.map((c) => c.id)).toEqual(['early', 'late']);
    expect(calls.active?.call.id).toBe('b');
  });

  it('does not ring the headset for a call that rings quietly (the agent is away, in do not disturb or wrapping up)', () => {
    const calls = headsetCalls([{ ...callView('quiet', 'ringing', { at: 3 }), quiet: 'dnd' }, callView('loud', 'ringing', { at: 5 })]);
    expect(calls.ringing.map((c) => c.id)).toEqual(['loud']);
  });

  it('leaves out calls on their way out; counts an outgoing call being dialed as in use', () => {
    const calls = headsetCalls([callView('x', 'hanging-up'), callView('y', 'declining'), callView('z', 'ended'), callView('out', 'ringing-out')]);
    expect([calls.ringing, calls.held, calls.active?.call.id]).toEqual([[], null, 'out']);
  });
});

describe('the controller', () => {
  it('a command the core refuses puts the lights back to what the core says', async () => {
    const rig = new HeadsetRig();
    await rig.start(callsIn.ringing());
    rig.refuse.add('c-ring');
    rig.controller.deviceEvent('hook.offHook');
    await rig.settle();
    await rig.settle();
    expect(rig.commands).toEqual(['answer c-ring']);
    // Off-hook at once, then ringing again once the refusal is back.
    expect(rig.reports).toEqual([lights(offHook), lights(ring)]);
  });

  it('the lights follow the calls as the core reports them (answered on screen, muted, held, ended)', async () => {
    const rig = new HeadsetRig();
    await rig.start(callsIn.ringing());
    rig.controller.callsChanged([callView('c-ring', 'answering', { at: 5 })]);
    rig.controller.callsChanged([callView('c-ring', 'connected', { at: 5 })]);
    rig.controller.callsChanged([callView('c-ring', 'connected', { at: 5, muted: true })]);
    rig.controller.callsChanged([callView('c-ring', 'connected', { at: 5, muted: true, held: true })]);
    rig.controller.callsChanged([callView('c-ring', 'ended', { at: 5 })]);
    await rig.settle();
    // On hold nothing is talked on, so the mute light is off until the call comes back.
    expect(rig.reports).toEqual([lights(offHook), lights(offHook | mute), lights(offHook | hold), lights(0)]);
  });

  it('a headset unplugged mid-call changes nothing about the call; plugged back, it is sent every light', async () => {
    const rig = new HeadsetRig();
    await rig.start(callsIn.live());
    rig.controller.attach(null);
    expect(rig.controller.deviceEvent('unplugged').row.id).toBe('unplugged');
    rig.controller.callsChanged([callView('c-live', 'connected', { muted: true })]);
    await rig.settle();
    expect([rig.commands, rig.reports]).toEqual([[], []]);
    await rig.start([callView('c-live', 'connected', { muted: true })]);
    rig.controller.deviceEvent('hook.onHook');
    expect(rig.commands).toEqual(['hangup c-live']);
  });
});
