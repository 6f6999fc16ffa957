import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads } from '../../preload/contract';
import { openCallLogDatabase } from '../../main/core/call-log/database';
import { systemClock } from '../../main/core/clock';
import { ManualClock } from '../support/manual-clock';
import { MemoryCredentialStore, type CredentialStore } from '../../main/core/credentials/credential-store';
import { AppFailure } from '../../main/core/errors';
import { silentLogger } from '../../main/core/logging/logger';
import type { IncomingCallNotice, NotificationAction, Notifier } from '../../main/core/notifications/notifier';
import { SettingsStore } from '../../main/core/settings/settings-store';
import { Softphone } from '../../main/core/softphone';
import { startDemoSimulator, type DemoSimulator } from '../../main/runtime/demo';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import type { SimNumber } from '../../main/simulator/sim-state';
import { startTestSimulator } from '../support/sim';
import { tempDir } from '../support/temp-dir';

/** Records what the core asked of the desktop; `native` says whether a native notification "worked". */
class RecordingNotifier implements Notifier {
  shown: IncomingCallNotice[] = [];
  closed: string[] = [];
  handler: (callId: string, action: NotificationAction) => void = () => {};
  constructor(private readonly native = true) {}
  async showIncomingCall(notice: IncomingCallNotice) {
    this.shown.push(notice);
    return this.native;
  }
  async close(callId: string) {
    this.closed.push(callId);
  }
  onAction(handler: (callId: string, action: NotificationAction) => void) {
    this.handler = handler;
  }
  dispose() {}
}

interface Agent {
  phone: Softphone;
  notifier: RecordingNotifier;
  events: { name: EventName; payload: EventPayloads[EventName] }[];
  keychain: CredentialStore;
}

let dir: ReturnType<typeof tempDir>;
/** Pilot Status's wall clock: a call's duration passes by hand, not by sleeping. */
let wall: ManualClock;
let sim: RunningSimulator;
let line: SimNumber;
const agents: Agent[] = [];
const demos: DemoSimulator[] = [];

const agent = async (name: string, options: { native?: boolean; keychain?: CredentialStore; demo?: DemoSimulator } = {}): Promise<Agent> => {
  const events: Agent['events'] = [];
  const notifier = new RecordingNotifier(options.native ?? true);
  const keychain = options.keychain ?? new MemoryCredentialStore();
  const phone = new Softphone({
    host: 'browser',
    version: 'test',
    clock: systemClock,
    logger: silentLogger(),
    settings: new SettingsStore(join(dir.path, `${name}-settings.json`)),
    keychain,
    callLogDb: openCallLogDatabase(join(dir.path, `${name}-log.sqlite`)),
    notifier,
    emit: (event, payload) => events.push({ name: event, payload }),
    systemLocale: 'en_US.UTF-8',
    demo: options.demo,
  });
  await phone.start();
  const created = { phone, notifier, events, keychain };
  agents.push(created);
  return created;
};

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`command failed: ${JSON.stringify(result.error)}`);
  return result.value;
};

const addSimLine = async (a: Agent) =>
  ok(await a.phone.dispatch('accounts.add', { label: 'Support', provider: 'EVO_GO', apiKey: line.apiKey, baseUrl: sim.url })) as { id: string };

const pollAll = async (a: Agent) => Promise.all(a.phone.lines.all().map((l) => l.poller?.pollNow()));

const phaseOf = (a: Agent, callId: string) => a.phone.calls.list().find((c) => c.id === callId)?.phase;

beforeEach(async () => {
  dir = tempDir();
  wall = new ManualClock(Date.now());
  sim = await startTestSimulator({ now: () => wall.now() });
  line = sim.simulator.addNumber({ provider: 'EVO_GO' });
});
afterEach(async () => {
  for (const a of agents.splice(0)) a.phone.stop();
  for (const d of demos.splice(0)) await d.close();
  await sim.close();
  dir.remove();
});

describe('softphone core with the simulator', () => {
  it('rings, notifies with the caller, answers, and logs the call with its duration when the customer hangs up', async () => {
    const a = await agent('a');
    await addSimLine(a);
    const call = sim.simulator.incomingCall({ numberId: line.id, from: '5511987654321' });
    await pollAll(a);
    expect(phaseOf(a, call.id)).toBe('ringing');
    await expect.poll(() => a.notifier.shown).toEqual([
      { callId: call.id, title: 'Incoming WhatsApp call', body: '+55 11 98765 4321 on Support', answerLabel: 'Answer', declineLabel: 'Decline' },
    ]);

    const answered = ok(await a.phone.dispatch('calls.answer', { callId: call.id })) as { phase: string };
    expect(answered.phase).toBe('connected');
    expect(sim.simulator.call(call.id)?.status).toBe('ACCEPTED');
    expect(a.notifier.closed).toContain(call.id);

    wall.advance(1100);
    sim.simulator.customerHangup(call.id);
    await pollAll(a);
    expect(phaseOf(a, call.id)).toBe('ended');
    const [entry] = ok(await a.phone.dispatch('log.list', {})) as { outcome: string; durationSeconds: number; peerNumber: string }[];
    expect(entry).toMatchObject({ outcome: 'answered', peerNumber: '+5511987654321', durationSeconds: sim.simulator.call(call.id)!.durationSeconds });
    expect(entry!.durationSeconds).toBeGreaterThanOrEqual(1);
  });

  it('on a shared number every agent rings; the first accept wins and the others stop ringing', async () => {
    const [a, b] = [await agent('a'), await agent('b')];
    await addSimLine(a);
    await addSimLine(b);
    const call = sim.simulator.incomingCall({ numberId: line.id, from: '+5521998877665' });
    await Promise.all([pollAll(a), pollAll(b)]);
    expect([phaseOf(a, call.id), phaseOf(b, call.id)]).toEqual(['ringing', 'ringing']);
    ok(await a.phone.dispatch('calls.answer', { callId: call.id }));
    const late = await b.phone.dispatch('calls.answer', { callId: call.id });
    expect(late.ok).toBe(true);
    expect(phaseOf(b, call.id)).toBe('ended');
    expect(b.phone.calls.list().find((c) => c.id === call.id)?.outcome).toBe('answered-elsewhere');
    expect(b.notifier.closed).toContain(call.id);
    expect(phaseOf(a, call.id)).toBe('connected');
  });

  it('a third agent who only polls sees the call taken elsewhere', async () => {
    const [a, c] = [await agent('a'), await agent('c')];
    await addSimLine(a);
    await addSimLine(c);
    const call = sim.simulator.incomingCall({ numberId: line.id, from: '+5531991234567' });
    await Promise.all([pollAll(a), pollAll(c)]);
    ok(await a.phone.dispatch('calls.answer', { callId: call.id }));
    await pollAll(c);
    expect(c.phone.calls.list().find((x) => x.id === call.id)).toMatchObject({ phase: 'ended', outcome: 'answered-elsewhere' });
  });

  it('answers from the notification\'s Answer button', async () => {
    const a = await agent('a');
    await addSimLine(a);
    const call = sim.simulator.incomingCall({ numberId: line.id, from: '+5511987654321' });
    await pollAll(a);
    a.notifier.handler(call.id, 'answer');
    await expect.poll(() => phaseOf(a, call.id)).toBe('connected');
  });

  it('asks the renderer for a web notification when no native one could be shown', async () => {
    const a = await agent('a', { native: false });
    await addSimLine(a);
    const call = sim.simulator.incomingCall({ numberId: line.id, from: '+5511987654321' });
    await pollAll(a);
    await expect.poll(() => a.events.filter((e) => e.name === 'notify.fallback').map((e) => e.payload)).toEqual([
      { callId: call.id, title: 'Incoming WhatsApp call', body: '+55 11 98765 4321 on Support' },
    ]);
  });

  it('keeps nothing when the keychain refuses the key, and says so', async () => {
    const broken: CredentialStore = {
      get: async () => null,
      set: async () => {
        throw new AppFailure('KEYCHAIN_UNAVAILABLE', 'locked');
      },
      delete: async () => false,
    };
    const a = await agent('a', { keychain: broken });
    const result = await a.phone.dispatch('accounts.add', { label: 'Support', provider: 'EVO_GO', apiKey: line.apiKey, baseUrl: sim.url });
    expect(result).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(ok(await a.phone.dispatch('accounts.list', {}))).toEqual([]);
  });

  it('reports a rejected key as unauthorized and keeps the key until it is replaced', async () => {
    const a = await agent('a');
    const { id } = ok(await a.phone.dispatch('accounts.add', { label: 'Support', provider: 'EVO_GO', apiKey: 'ps_wrongkey12345', baseUrl: sim.url })) as { id: string };
    await pollAll(a);
    await expect.poll(() => a.phone.lines.get(id)?.connection.state).toBe('unauthorized');
    expect(await a.keychain.get(id)).toBe('ps_wrongkey12345');
    ok(await a.phone.dispatch('accounts.update', { id, apiKey: line.apiKey }));
    await pollAll(a);
    await expect.poll(() => a.phone.lines.get(id)?.connection.state).toBe('ok');
    expect(await a.keychain.get(id)).toBe(line.apiKey);
  });

  it('moving a line to another origin needs its key again: without it nothing is saved and the key stays where it was entered', async () => {
    const a = await agent('a');
    const { id } = ok(await a.phone.dispatch('accounts.add', { label: 'Support', provider: 'EVO_GO', apiKey: line.apiKey, baseUrl: sim.url })) as { id: string };
    const moved = await a.phone.dispatch('accounts.update', { id, baseUrl: 'https://pilot.attacker.example' });
    expect(moved).toMatchObject({ ok: false, error: { code: 'API_KEY_REQUIRED_FOR_ADDRESS', details: { field: 'apiKey' } } });
    expect((ok(await a.phone.dispatch('accounts.list', {})) as { baseUrl: string }[])[0]!.baseUrl).toBe(sim.url);
    expect(a.phone.lines.get(id)?.account.baseUrl).toBe(sim.url);
    // The same origin (another path, a trailing /v1) keeps the key; another origin with the key typed again is fine.
    ok(await a.phone.dispatch('accounts.update', { id, baseUrl: `${sim.url}/v1` }));
    ok(await a.phone.dispatch('accounts.update', { id, baseUrl: 'https://pilot.example.com', apiKey: 'ps_typedagain' }));
    expect(await a.keychain.get(id)).toBe('ps_typedagain');
  });

  it('demo mode runs on the simulator until a real line is added, and comes back when the last one is removed', async () => {
    const demo = await startDemoSimulator({ ringTimeoutMs: 30_000 });
    demos.push(demo);
    const a = await agent('a', { demo });
    expect(a.phone.info().mode).toBe('demo');
    expect(ok(await a.phone.dispatch('accounts.list', {}))).toMatchObject([{ demo: true, provider: 'EVO_GO' }, { demo: true, provider: 'META' }]);
    const { callId } = ok(await a.phone.dispatch('demo.incomingCall', {})) as { callId: string };
    await pollAll(a);
    expect(phaseOf(a, callId)).toBe('ringing');

    const { id } = await addSimLine(a);
    expect(a.phone.info().mode).toBe('live');
    expect(ok(await a.phone.dispatch('accounts.list', {}))).toMatchObject([{ id, demo: false }]);
    expect(a.phone.calls.list().find((c) => c.id === callId)).toBeUndefined();
    expect(await a.phone.dispatch('demo.incomingCall', {})).toMatchObject({ ok: false, error: { code: 'NOT_IN_DEMO' } });

    ok(await a.phone.dispatch('accounts.remove', { id }));
    expect(a.phone.info().mode).toBe('demo');
    expect(await a.keychain.get(id)).toBeNull();
  });
});

// ---------------------------------------------------------------- web numbers: call audio, listen, prompts

describe('softphone core: web-number audio', () => {
  const media = (a: Agent, callId: string) => a.phone.calls.list().find((c) => c.id === callId)?.media.pcm;
  const sessions = (callId: string) => sim.simulator.media.existing(callId)?.sessions ?? [];

  it('starts talk audio when the agent answers and stops it at hang-up, at the sample rate of the setting', async () => {
    const a = await agent('a');
    await addSimLine(a);
    ok(await a.phone.dispatch('settings.update', { sampleRate: 24000 }));
    const call = sim.simulator.incomingCall({ numberId: line.id, from: '+5511987654321' });
    await pollAll(a);
    ok(await a.phone.dispatch('calls.answer', { callId: call.id }));
    expect(media(a, call.id)).toMatchObject({ mode: 'talk', wireRate: 24000 });
    await expect.poll(() => media(a, call.id)?.link).toBe('live');
    expect(sessions(call.id).map((s) => s.mode)).toEqual(['talk']);
    ok(await a.phone.dispatch('calls.hangup', { callId: call.id }));
    expect(media(a, call.id)).toBeUndefined();
    await expect.poll(() => sessions(call.id)[0]?.closedAt ?? null).not.toBeNull();
  });

  it('lets a supervisor listen in on a call another agent took, not on their own, and stops when the call ends', async () => {
    const [a, b] = [await agent('a'), await agent('b')];
    await addSimLine(a);
    await addSimLine(b);
    const call = sim.simulator.incomingCall({ numberId: line.id, from: '+5521998877665' });
    await Promise.all([pollAll(a), pollAll(b)]);
    ok(await a.phone.dispatch('calls.answer', { callId: call.id }));
    await pollAll(b);
    const seen = b.phone.calls.list().find((c) => c.id === call.id)!;
    expect(seen).toMatchObject({ outcome: 'answered-elsewhere', listenable: true });
    expect(a.phone.calls.list().find((c) => c.id === call.id)!.listenable).toBeUndefined();
    const own = await a.phone.dispatch('calls.listen', { callId: call.id });
    expect(own).toMatchObject({ ok: false, error: { code: 'CALL_STATE' } });

    const listening = ok(await b.phone.dispatch('calls.listen', { callId: call.id })) as { media: { pcm?: { mode: string } } };
    expect(listening.media.pcm?.mode).toBe('listen');
    await expect.poll(() => sessions(call.id).map((s) => s.mode).sort()).toEqual(['listen', 'talk']);
    sim.simulator.customerHangup(call.id);
    await pollAll(b);
    expect(media(b, call.id)).toBeUndefined();
    expect(b.phone.calls.list().find((c) => c.id === call.id)!.listenable).toBeUndefined();
  });

  it('places a web call that the customer answers, with audio once it connects, under the local id the window knows', async () => {
    sim.simulator.outboundCustomer = { ringAfterMs: 20, answerAfterMs: 200, answers: true };
    const a = await agent('a');
    const { id: accountId } = await addSimLine(a);
    const dialed = ok(await a.phone.dispatch('calls.dial', { accountId, to: '+5511988887777' })) as { id: string };
    await expect.poll(async () => (await pollAll(a), phaseOf(a, dialed.id)), { timeout: 5000 }).toBe('connected');
    await expect.poll(() => media(a, dialed.id)?.link).toBe('live');
    const placed = sim.simulator.allCalls().find((c) => c.direction === 'OUTBOUND')!;
    expect(placed.id).not.toBe(dialed.id);
    expect(sessions(placed.id).map((s) => s.mode)).toEqual(['talk']);
    ok(await a.phone.dispatch('calls.hangup', { callId: dialed.id }));
    expect(sim.simulator.call(placed.id)?.status).toBe('COMPLETED');
  });

  it('plays a prompt from the settings into the call, and names a prompt that is gone', async () => {
    const a = await agent('a');
    await addSimLine(a);
    ok(await a.phone.dispatch('settings.update', { prompts: [{ id: 'greeting', label: 'Greeting', url: 'https://cdn.example.com/greeting.mp3' }] }));
    const call = sim.simulator.incomingCall({ numberId: line.id, from: '+5511987654321' });
    await pollAll(a);
    ok(await a.phone.dispatch('calls.answer', { callId: call.id }));
    ok(await a.phone.dispatch('calls.playPrompt', { callId: call.id, promptId: 'greeting' }));
    expect(sim.simulator.media.existing(call.id)!.prompts.plays.map((p) => p.mediaUrl)).toEqual(['https://cdn.example.com/greeting.mp3']);
    expect(await a.phone.dispatch('calls.playPrompt', { callId: call.id, promptId: 'hold' })).toMatchObject({ ok: false, error: { code: 'PROMPT_NOT_FOUND' } });
    expect(await a.phone.dispatch('settings.update', { prompts: [{ id: 'x', label: 'Bad', url: 'https://cdn.example.com/x.txt' }] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', details: { reason: 'PROMPT_URL_TYPE' } },
    });
  });
});
