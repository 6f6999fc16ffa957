import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallView, EventName, EventPayloads, RecentCall } from '../../preload/contract';
import { openCallLogDatabase } from '../../main/core/call-log/database';
import { systemClock } from '../../main/core/clock';
import { MemoryCredentialStore } from '../../main/core/credentials/credential-store';
import { silentLogger } from '../../main/core/logging/logger';
import type { IncomingCallNotice, Notifier } from '../../main/core/notifications/notifier';
import { SettingsStore } from '../../main/core/settings/settings-store';
import { Softphone } from '../../main/core/softphone';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import { startTestSimulator } from '../support/sim';
import { tempDir } from '../support/temp-dir';

class RecordingNotifier implements Notifier {
  shown: IncomingCallNotice[] = [];
  async showIncomingCall(notice: IncomingCallNotice) {
    this.shown.push(notice);
    return true;
  }
  async close() {}
  onAction() {}
  dispose() {}
}

let dir: ReturnType<typeof tempDir>;
let sim: RunningSimulator;
let phone: Softphone;
let notifier: RecordingNotifier;
let events: { name: EventName; payload: EventPayloads[EventName] }[];

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`command failed: ${JSON.stringify(result.error)}`);
  return result.value;
};
const pollAll = () => Promise.all(phone.lines.all().map((l) => l.poller?.pollNow()));
const viewOf = (callId: string): CallView | undefined => phone.calls.list().find((c) => c.id === callId);
const addLine = async (provider: 'EVO_GO' | 'META') => {
  const number = sim.simulator.addNumber({ provider });
  const line = ok(await phone.dispatch('accounts.add', { label: provider === 'META' ? 'Vendas' : 'Suporte', provider, apiKey: number.apiKey, baseUrl: sim.url })) as { id: string };
  return { number, line };
};

beforeEach(async () => {
  dir = tempDir();
  sim = await startTestSimulator();
  notifier = new RecordingNotifier();
  events = [];
  phone = new Softphone({
    host: 'browser',
    version: 'test',
    clock: systemClock,
    logger: silentLogger(),
    settings: new SettingsStore(join(dir.path, 'settings.json')),
    keychain: new MemoryCredentialStore(),
    callLogDb: openCallLogDatabase(join(dir.path, 'log.sqlite')),
    notifier,
    emit: (name, payload) => events.push({ name, payload }),
    systemLocale: 'en_US.UTF-8',
  });
  await phone.start();
});
afterEach(async () => {
  phone.stop();
  await sim.close();
  dir.remove();
});

describe('availability decided on the main side', () => {
  it('in do not disturb a call rings nobody, notifies nothing, and shows in Recent as having rung while away; available again, the next call rings', async () => {
    const { number } = await addLine('EVO_GO');
    ok(await phone.dispatch('availability.set', { status: 'dnd' }));

    const quiet = sim.simulator.incomingCall({ numberId: number.id, from: '+5511987654321' });
    await pollAll();
    expect(viewOf(quiet.id)).toMatchObject({ phase: 'ringing', quiet: 'dnd' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notifier.shown).toEqual([]);
    expect(events.filter((e) => e.name === 'notify.fallback')).toEqual([]);

    sim.simulator.customerHangup(quiet.id);
    await pollAll();
    const recent = ok(await phone.dispatch('recent.list', {})) as RecentCall[];
    expect(recent).toMatchObject([{ id: quiet.id, outcome: 'missed', direction: 'INBOUND', peerNumber: '+5511987654321', rangWhileAway: 'dnd' }]);
    const detail = ok(await phone.dispatch('history.get', { callId: quiet.id })) as { timeline: { kind: string; detail: string | null }[] };
    expect(detail.timeline.filter((e) => e.kind === 'quiet')).toEqual([expect.objectContaining({ detail: 'dnd' })]);

    ok(await phone.dispatch('availability.set', { status: 'available' }));
    const rings = sim.simulator.incomingCall({ numberId: number.id, from: '+5521998877665' });
    await pollAll();
    expect(viewOf(rings.id)?.quiet).toBeUndefined();
    await expect.poll(() => notifier.shown.map((n) => n.callId)).toEqual([rings.id]);
    const [newest] = ok(await phone.dispatch('recent.list', { limit: 1 })) as RecentCall[];
    expect(newest).toMatchObject({ id: rings.id, rangWhileAway: null });
  });

  it('a Meta call ringing quietly opens no media until the agent answers it after all', async () => {
    const { number } = await addLine('META');
    ok(await phone.dispatch('availability.set', { status: 'away' }));
    const call = await sim.simulator.meta.incomingCall({ numberId: number.id, from: '+5511987654321' });
    await pollAll();
    expect(viewOf(call.id)).toMatchObject({ phase: 'ringing', quiet: 'away' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const prepares = () => events.filter((e) => e.name === 'media.prepare' && (e.payload as { callId: string }).callId === call.id);
    expect(prepares()).toEqual([]);
    expect(sim.simulator.call(call.id)!.preAcceptSdp).toBeNull();

    void phone.dispatch('calls.answer', { callId: call.id });
    await expect.poll(() => prepares().length).toBe(1);
    expect(viewOf(call.id)?.phase).toBe('answering');
  });

  it("after a talked call the line's wrap-up keeps the next call quiet, and Ready ends it", async () => {
    const { number, line } = await addLine('EVO_GO');
    ok(await phone.dispatch('settings.update', { lineAnswering: { [line.id]: { autoAnswerSeconds: null, wrapUpSeconds: 60 } } }));
    const first = sim.simulator.incomingCall({ numberId: number.id, from: '+5511987654321' });
    await pollAll();
    ok(await phone.dispatch('calls.answer', { callId: first.id }));
    expect(phone.availability.view().status).toBe('busy');
    ok(await phone.dispatch('calls.hangup', { callId: first.id }));
    expect(phone.availability.view()).toMatchObject({ status: 'wrap-up', wrapUp: { callId: first.id, accountId: line.id } });

    const during = sim.simulator.incomingCall({ numberId: number.id, from: '+5521998877665' });
    await pollAll();
    expect(viewOf(during.id)?.quiet).toBe('wrap-up');
    expect(notifier.shown.map((n) => n.callId)).toEqual([first.id]);

    expect((ok(await phone.dispatch('availability.ready', {})) as { status: string }).status).toBe('available');
    sim.simulator.customerHangup(during.id);
    const after = sim.simulator.incomingCall({ numberId: number.id, from: '+5531991234567' });
    await pollAll();
    expect(viewOf(after.id)?.quiet).toBeUndefined();
  });

  it('refuses a keyboard set-up with two actions on one key, naming both', async () => {
    const settings = ok(await phone.dispatch('app.info', {})) as { settings: { shortcuts: Record<string, string> } };
    const result = await phone.dispatch('settings.update', { shortcuts: { ...settings.settings.shortcuts, hold: 'Alt+M' } as never });
    expect(result).toMatchObject({ ok: false, error: { code: 'SHORTCUT_CONFLICT', details: { keys: 'Alt+M', action: 'hold', other: 'mute' } } });
    const saved = ok(await phone.dispatch('settings.update', { shortcuts: { ...settings.settings.shortcuts, hold: 'Alt+J' } as never })) as { shortcuts: Record<string, string> };
    expect(saved.shortcuts.hold).toBe('Alt+J');
  });
});
