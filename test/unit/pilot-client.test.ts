import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PilotClient } from '../../main/core/pilot/pilot-client';
import { PilotApiError } from '../../main/core/pilot/pilot-error';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import type { SimNumber } from '../../main/simulator/sim-state';
import { startTestSimulator } from '../support/sim';

let sim: RunningSimulator;
let web: SimNumber;
let meta: SimNumber;

const client = (apiKey: string, timeoutMs?: number) => new PilotClient({ baseUrl: `${sim.url}/`, apiKey: async () => apiKey, timeoutMs });

const failure = async (promise: Promise<unknown>): Promise<PilotApiError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PilotApiError);
  return error as PilotApiError;
};

beforeAll(async () => {
  sim = await startTestSimulator();
  web = sim.simulator.addNumber({ provider: 'EVO_GO' });
  meta = sim.simulator.addNumber({ provider: 'META' });
});
afterAll(() => sim.close());

describe('Pilot client against the simulator', () => {
  it('lists a number\'s own calls newest first, honouring limit and the before cursor', async () => {
    const ids: string[] = [];
    for (const from of ['+5511900000001', '+5511900000002', '+5511900000003']) {
      ids.push(sim.simulator.incomingCall({ numberId: web.id, from }).id);
      await new Promise((r) => setTimeout(r, 5));
    }
    sim.simulator.incomingCall({ numberId: meta.id, from: '+5511900000009' });
    const { calls } = await client(web.apiKey).listCalls({ limit: 2 });
    expect(calls.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    expect(calls[0]).toMatchObject({ status: 'RINGING', direction: 'INBOUND', peerNumber: '5511900000003' });
    const older = await client(web.apiKey).listCalls({ before: calls[1]!.createdAt!, limit: 10 });
    expect(older.calls.map((c) => c.id)).toEqual([ids[0]]);
  });

  it('rejects a limit outside 1..100', async () => {
    const error = await failure(client(web.apiKey).listCalls({ limit: 101 }));
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
  });

  it('maps an unknown key to an auth error that polling must not hammer', async () => {
    const error = await failure(client('ps_notarealkey123').listCalls());
    expect(error.status).toBe(401);
    expect(error.isAuth).toBe(true);
  });

  it('answers 404 CALL_NOT_FOUND for another number\'s call', async () => {
    const other = sim.simulator.incomingCall({ numberId: meta.id, from: '+5511911112222' });
    const error = await failure(client(web.apiKey).getCall(other.id));
    expect(error).toMatchObject({ status: 404, code: 'CALL_NOT_FOUND' });
  });

  it('answers 400 FEATURE_NOT_SUPPORTED for a META-only action on a web number', async () => {
    const call = sim.simulator.incomingCall({ numberId: web.id, from: '+5511933334444' });
    const error = await failure(client(web.apiKey).preAccept(call.id, 'v=0'));
    expect(error).toMatchObject({ status: 400, code: 'FEATURE_NOT_SUPPORTED' });
  });

  it('answers 409 WHATSAPP_INSTANCE_NOT_CONNECTED when a web number\'s session is down', async () => {
    const call = sim.simulator.incomingCall({ numberId: web.id, from: '+5511955556666' });
    web.connected = false;
    try {
      const error = await failure(client(web.apiKey).accept(call.id));
      expect(error).toMatchObject({ status: 409, code: 'WHATSAPP_INSTANCE_NOT_CONNECTED' });
    } finally {
      web.connected = true;
    }
  });

  it('accepts, then refuses a second accept of the same call (first accept wins)', async () => {
    const call = sim.simulator.incomingCall({ numberId: web.id, from: '+5511977778888' });
    await client(web.apiKey).accept(call.id);
    expect((await client(web.apiKey).getCall(call.id)).status).toBe('ACCEPTED');
    const error = await failure(client(web.apiKey).accept(call.id));
    expect(error).toMatchObject({ status: 409, code: 'CALL_NOT_RINGING' });
  });

  it('turns a 500, a cut-off body, a hung request and a 429 into typed errors', async () => {
    sim.simulator.faults.add({ kind: 'server-error', remaining: 1 });
    expect(await failure(client(web.apiKey).listCalls())).toMatchObject({ kind: 'http', status: 500, code: 'INTERNAL_ERROR' });
    sim.simulator.faults.add({ kind: 'malformed', remaining: 1 });
    expect(await failure(client(web.apiKey).listCalls())).toMatchObject({ kind: 'malformed', code: 'MALFORMED_RESPONSE' });
    sim.simulator.faults.add({ kind: 'timeout', remaining: 1 });
    expect(await failure(client(web.apiKey, 300).listCalls())).toMatchObject({ kind: 'timeout', code: 'TIMEOUT' });
    sim.simulator.faults.add({ kind: 'rate-limit', remaining: 1, retryAfterSeconds: 3 });
    expect(await failure(client(web.apiKey).listCalls())).toMatchObject({ status: 429, retryAfterMs: 3000 });
    expect((await client(web.apiKey).listCalls()).calls.length).toBeGreaterThan(0);
  });

  it('keeps good entries and sets aside unreadable ones when the list has surprises', async () => {
    sim.simulator.faults.add({ kind: 'unknown-status', remaining: 1 });
    const { calls, rejected } = await client(web.apiKey).listCalls();
    expect(calls.find((c) => c.id === 'call_unknown_status')?.status).toBe('QUEUED_FOR_REVIEW');
    expect(rejected).toHaveLength(1);
  });

  it('reports a closed port as a network error', async () => {
    const dead = new PilotClient({ baseUrl: 'http://127.0.0.1:9', apiKey: async () => web.apiKey, timeoutMs: 2000 });
    expect(await failure(dead.listCalls())).toMatchObject({ kind: 'network', code: 'NETWORK_ERROR' });
  });

  it('sends the key only as x-api-key and never accepts a bearer token', async () => {
    const response = await fetch(`${sim.url}/v1/calls`, { headers: { authorization: `Bearer ${web.apiKey}` } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('Bearer') });
  });
});
