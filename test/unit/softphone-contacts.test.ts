import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallDetail, CallView, ContactView } from '../../preload/contract';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import type { SimNumber } from '../../main/simulator/sim-state';
import { startTestSimulator } from '../support/sim';
import { ok, startAgent, type TestAgent } from '../support/softphone-agent';
import { tempDir } from '../support/temp-dir';

let dir: ReturnType<typeof tempDir>;
let sim: RunningSimulator;
let number: SimNumber;
let agent: TestAgent;

beforeEach(async () => {
  dir = tempDir();
  sim = await startTestSimulator();
  number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  agent = await startAgent(dir.path);
  ok(await agent.phone.dispatch('accounts.add', { label: 'Support', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url }));
});
afterEach(async () => {
  agent.phone.stop();
  agent.db.close();
  await sim.close();
  dir.remove();
});

const poll = () => Promise.all(agent.phone.lines.all().map((l) => l.poller?.pollNow()));
const view = (callId: string) => agent.phone.calls.list().find((c) => c.id === callId);
const detail = async (callId: string) => ok(await agent.phone.dispatch('history.get', { callId })) as CallDetail;
const addContact = async (name: string, typed: string) => ok(await agent.phone.dispatch('contacts.add', { name, number: typed })) as ContactView;

/** A customer calls and hangs up unanswered: a missed call in the log. */
const missedCall = async (from: string) => {
  const call = sim.simulator.incomingCall({ numberId: number.id, from });
  await poll();
  sim.simulator.customerHangup(call.id);
  await poll();
  return call.id;
};

describe('contact names on calls', () => {
  it('names a ringing call, its notification and its log row after the contact with that number', async () => {
    await addContact('Maria Souza', '(11) 98765-4321');
    const call = sim.simulator.incomingCall({ numberId: number.id, from: '5511987654321' });
    await poll();
    expect(view(call.id)).toMatchObject({ phase: 'ringing', contactName: 'Maria Souza' });
    expect(agent.emitted('calls.changed').find((c) => c.id === call.id)?.contactName).toBe('Maria Souza');
    await expect.poll(() => agent.notifier.shown.at(-1)?.body).toBe('Maria Souza · +55 11 98765 4321 on Support');
    expect((await detail(call.id)).contactName).toBe('Maria Souza');
    expect(agent.emitted('log.changed').at(-1)).toMatchObject({ id: call.id, contactName: 'Maria Souza' });
  });

  it('knows a Brazilian mobile that WhatsApp reports without its ninth digit', async () => {
    await addContact('Maria Souza', '+55 11 98765-4321');
    const call = sim.simulator.incomingCall({ numberId: number.id, from: '551187654321' });
    await poll();
    expect(view(call.id)?.contactName).toBe('Maria Souza');
  });

  it('names a call on screen the moment its number becomes a contact', async () => {
    const call = sim.simulator.incomingCall({ numberId: number.id, from: '+5521998877665' });
    await poll();
    expect(view(call.id)?.contactName).toBeUndefined();
    await addContact('João', '21 99887-7665');
    expect(view(call.id)?.contactName).toBe('João');
    expect((agent.emitted('calls.changed') as CallView[]).at(-1)).toMatchObject({ id: call.id, contactName: 'João' });
  });

  it('names earlier calls when their number becomes a contact, follows a rename, never overwrites a typed name, and keeps names when the contact goes', async () => {
    const first = await missedCall('+5531988887777');
    const second = await missedCall('+5531988887777');
    const typed = await missedCall('+5531988887777');
    ok(await agent.phone.dispatch('history.annotate', { callId: typed, contactName: 'Reception desk' }));
    const other = await missedCall('+5541999990000');

    const contact = await addContact('Carla', '31 98888-7777');
    for (const id of [first, second]) expect((await detail(id)).contactName).toBe('Carla');
    expect((await detail(typed)).contactName).toBe('Reception desk');
    expect((await detail(other)).contactName).toBeNull();
    // The window's history rows hear of it.
    expect(agent.emitted('log.changed').filter((e) => e.contactName === 'Carla').map((e) => e.id).sort()).toEqual([first, second].sort());

    ok(await agent.phone.dispatch('contacts.update', { id: contact.id, name: 'Carla Dias' }));
    expect((await detail(first)).contactName).toBe('Carla Dias');
    expect((await detail(typed)).contactName).toBe('Reception desk');
    // History search finds the calls by the contact's name.
    const found = ok(await agent.phone.dispatch('history.query', { filter: { text: 'carla dias' } })) as { rows: { id: string }[] };
    expect(found.rows.map((r) => r.id).sort()).toEqual([first, second].sort());

    ok(await agent.phone.dispatch('contacts.remove', { id: contact.id }));
    expect((await detail(first)).contactName).toBe('Carla Dias');
  });

  it('refuses a number that is not valid, and a second contact for a number, each with the reason', async () => {
    await addContact('Maria', '11 98765-4321');
    expect(await agent.phone.dispatch('contacts.add', { name: 'X', number: '12' })).toMatchObject({ ok: false, error: { code: 'CONTACT_NUMBER_INVALID' } });
    expect(await agent.phone.dispatch('contacts.add', { name: 'X', number: '+55 11 8765-4321' })).toMatchObject({
      ok: false,
      error: { code: 'CONTACT_NUMBER_TAKEN', details: { name: 'Maria' } },
    });
    expect(await agent.phone.dispatch('contacts.add', { name: ' ', number: '11 91111-2222' })).toMatchObject({ ok: false, error: { details: { reason: 'CONTACT_NAME_REQUIRED' } } });
  });

  it('imports a file sent as base64 and tells the window contacts changed', async () => {
    const data = Buffer.from('Nome;Celular\nAna;11 91234-5678\nBia;xx\n').toString('base64');
    const report = ok(await agent.phone.dispatch('contacts.import', { fileName: 'c.csv', data }));
    expect(report).toMatchObject({ added: 1, problems: [{ line: 3, code: 'CONTACT_NUMBER_INVALID' }] });
    expect(agent.emitted('contacts.changed')).toEqual([{ count: 1 }]);
    expect(await agent.phone.dispatch('contacts.import', { fileName: 'c.csv', data: 'not base64!' })).toMatchObject({ ok: false, error: { details: { reason: 'IMPORT_FILE_UNREADABLE' } } });
  });
});
