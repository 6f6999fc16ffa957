import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallDetail, CallNotesView, CallView } from '../../preload/contract';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import type { SimNumber } from '../../main/simulator/sim-state';
import { startTestSimulator } from '../support/sim';
import { ok, startAgent, type TestAgent } from '../support/softphone-agent';
import { tempDir } from '../support/temp-dir';

let dir: ReturnType<typeof tempDir>;
let sim: RunningSimulator;
let number: SimNumber;
let agent: TestAgent;
let accountId: string;

beforeEach(async () => {
  dir = tempDir();
  sim = await startTestSimulator();
  number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  agent = await startAgent(dir.path);
  accountId = (ok(await agent.phone.dispatch('accounts.add', { label: 'Support', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url })) as { id: string }).id;
});
afterEach(async () => {
  agent.phone.stop();
  agent.db.close();
  await sim.close();
  dir.remove();
});

const poll = () => Promise.all(agent.phone.lines.all().map((l) => l.poller?.pollNow()));
const save = (request: { callId: string; notes?: string; disposition?: string | null }) => agent.phone.dispatch('callNotes.save', request);
const detail = async (callId: string) => ok(await agent.phone.dispatch('history.get', { callId })) as CallDetail;

const answeredCall = async () => {
  const call = sim.simulator.incomingCall({ numberId: number.id, from: '+5511987654321' });
  await poll();
  ok(await agent.phone.dispatch('calls.answer', { callId: call.id }));
  return call.id;
};

describe('notes and disposition during a call', () => {
  it('saves notes as they are typed, each save in the call log when it answers, and keeps them for the call detail', async () => {
    const callId = await answeredCall();
    for (const notes of ['C', 'Cliente', 'Cliente quer segunda via']) {
      expect(ok(await save({ callId, notes }))).toMatchObject({ callId, notes, state: 'saved' });
      // Read straight from the database file's connection: committed, not pending in the app.
      expect(agent.db.prepare('SELECT notes FROM calls WHERE id = ?').get(callId)).toEqual({ notes });
    }
    sim.simulator.customerHangup(callId);
    await poll();
    // After the call, the same notes: in the detail and for the card that stays on screen.
    expect((await detail(callId)).notes).toBe('Cliente quer segunda via');
    expect(ok(await agent.phone.dispatch('callNotes.get', { callId }))).toMatchObject({ notes: 'Cliente quer segunda via', state: 'saved' });
    // Typing does not flood the timeline.
    expect((await detail(callId)).timeline.filter((e) => e.kind === 'edited')).toEqual([]);
  });

  it('takes dispositions from the team list (as the list spells them), refuses others unless free text is allowed', async () => {
    ok(await agent.phone.dispatch('settings.update', { dispositions: ['Venda', 'Retornar depois'], dispositionFreeText: false }));
    const callId = await answeredCall();
    expect(ok(await save({ callId, disposition: 'venda' }))).toMatchObject({ disposition: 'Venda' });
    expect(await save({ callId, disposition: 'Engano' })).toMatchObject({ ok: false, error: { code: 'DISPOSITION_NOT_IN_LIST', details: { disposition: 'Engano' } } });
    expect((await detail(callId)).disposition).toBe('Venda');
    // The history's editor follows the same rule.
    expect(await agent.phone.dispatch('history.annotate', { callId, disposition: 'Engano' })).toMatchObject({ ok: false, error: { code: 'DISPOSITION_NOT_IN_LIST' } });
    // A disposition change is on the timeline.
    expect((await detail(callId)).timeline.filter((e) => e.kind === 'edited')).toHaveLength(1);

    ok(await agent.phone.dispatch('settings.update', { dispositionFreeText: true }));
    expect(ok(await save({ callId, disposition: 'Engano' }))).toMatchObject({ disposition: 'Engano' });
    // The list changed since: the call's own disposition is still accepted as it is.
    ok(await agent.phone.dispatch('settings.update', { dispositionFreeText: false }));
    expect(ok(await save({ callId, notes: 'x', disposition: 'Engano' }))).toMatchObject({ disposition: 'Engano', notes: 'x' });
    expect(ok(await save({ callId, disposition: null }))).toMatchObject({ disposition: null });
  });

  it('holds what is typed on a dialed call until Pilot Status has created it, then writes it with its first row', async () => {
    const dialing = agent.phone.dispatch('calls.dial', { accountId, to: '+5521998877665' });
    // The dial's first change is out before the request to Pilot Status answers.
    const viewId = (agent.emitted('calls.changed') as CallView[]).at(-1)!.id;
    expect(ok(await save({ callId: viewId, notes: 'Ligando para confirmar' }))).toMatchObject({ state: 'held', notes: 'Ligando para confirmar' });
    const dialed = ok(await dialing) as CallView;
    expect(dialed.id).toBe(viewId);
    const logId = sim.simulator.allCalls().find((c) => c.numberId === number.id)!.id;
    expect(logId).not.toBe(viewId);
    expect((await detail(logId)).notes).toBe('Ligando para confirmar');
    // The window keeps using its own id for the call.
    expect(ok(await save({ callId: viewId, notes: 'Ligando para confirmar o pedido' })) as CallNotesView).toMatchObject({ state: 'saved' });
    expect((await detail(logId)).notes).toBe('Ligando para confirmar o pedido');
  });

  it('refuses notes for a call that is neither on screen nor in the log, and notes past the limit', async () => {
    expect(await save({ callId: 'call_nobody', notes: 'x' })).toMatchObject({ ok: false, error: { code: 'CALL_NOT_FOUND' } });
    const callId = await answeredCall();
    expect(await save({ callId, notes: 'x'.repeat(10_001) })).toMatchObject({ ok: false, error: { details: { reason: 'NOTES_TOO_LONG' } } });
  });
});
