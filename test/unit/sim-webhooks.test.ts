import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import { webhooksOf } from '../../main/simulator/webhooks';
import { startTestSimulator } from '../support/sim';

let sim: RunningSimulator;
let receiver: Server;
let receiverUrl: string;
const received: { path: string; secret?: string; body: Record<string, unknown> }[] = [];
let failNext = 0;

beforeAll(async () => {
  sim = await startTestSimulator();
  receiver = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        response.writeHead(503).end();
        return;
      }
      const secret = request.headers['x-pilot-webhook-secret'];
      received.push({ path: request.url ?? '', ...(typeof secret === 'string' ? { secret } : {}), body: JSON.parse(text) as Record<string, unknown> });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${sim.url}${path}`, { method, headers: { 'x-sim-control': sim.controlToken, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('simulator: webhooks to a given address', () => {
  it('posts each call change as flat JSON with its event name, to the number\'s address only', async () => {
    received.length = 0;
    const [web, other] = [sim.simulator.addNumber({ provider: 'EVO_GO' }), sim.simulator.addNumber({ provider: 'EVO_GO' })];
    const set = await control('POST', '/sim/webhooks', { numberId: web.id, url: `${receiverUrl}/hook/secret1`, secretHeader: 'h1' });
    expect(set.status).toBe(200);
    const call = sim.simulator.incomingCall({ numberId: web.id, from: '+5511912345678' });
    sim.simulator.accept(web, call.id);
    sim.simulator.customerHangup(call.id);
    const missed = sim.simulator.incomingCall({ numberId: web.id, from: '+5511912345679' });
    sim.simulator.customerHangup(missed.id);
    sim.simulator.incomingCall({ numberId: other.id, from: '+5511912345670' });
    await webhooksOf(sim.simulator).drain();
    expect(received.map((r) => [r.body.event, r.body.status, r.body.id])).toEqual([
      ['call.ringing', 'RINGING', call.id],
      ['call.connected', 'ACCEPTED', call.id],
      ['call.ended', 'COMPLETED', call.id],
      ['call.ringing', 'RINGING', missed.id],
      ['call.missed', 'MISSED', missed.id],
    ]);
    expect(received[0]).toMatchObject({ path: '/hook/secret1', secret: 'h1', body: { direction: 'INBOUND', peerNumber: '5511912345678' } });
    expect(received[0]!.body).not.toHaveProperty('data');
    expect((await control('DELETE', `/sim/webhooks/${web.id}`)).status).toBe(200);
  });

  it('reorders on demand: each event is held and delivered after the next one', async () => {
    received.length = 0;
    const web = sim.simulator.addNumber({ provider: 'EVO_GO' });
    webhooksOf(sim.simulator).target({ numberId: web.id, url: `${receiverUrl}/swap`, reorder: true });
    const call = sim.simulator.incomingCall({ numberId: web.id, from: '+5511912345672' });
    sim.simulator.accept(web, call.id);
    sim.simulator.customerHangup(call.id);
    await webhooksOf(sim.simulator).drain();
    expect(received.map((r) => r.body.status)).toEqual(['ACCEPTED', 'RINGING', 'COMPLETED']);
    webhooksOf(sim.simulator).remove(web.id);
  });

  it('duplicates and delays on demand, and retries a delivery the receiver failed', async () => {
    received.length = 0;
    const web = sim.simulator.addNumber({ provider: 'EVO_GO' });
    webhooksOf(sim.simulator).target({ numberId: web.id, url: `${receiverUrl}/chaos`, duplicates: 1, delayMs: [5, 15] });
    failNext = 1;
    const call = sim.simulator.incomingCall({ numberId: web.id, from: '+5511912345671' });
    sim.simulator.accept(web, call.id);
    sim.simulator.customerHangup(call.id);
    await webhooksOf(sim.simulator).drain();
    const statuses = received.map((r) => r.body.status);
    for (const status of ['RINGING', 'ACCEPTED', 'COMPLETED']) expect(statuses.filter((s) => s === status), status).toHaveLength(2);
    expect(webhooksOf(sim.simulator).stats).toMatchObject({ duplicated: 3, failed: 0 });
    webhooksOf(sim.simulator).remove(web.id);
  });

  it('refuses a target it cannot use, with a sentence', async () => {
    for (const [body, message] of [
      [{ url: receiverUrl }, 'numberId'],
      [{ numberId: 'num_1', url: 'ftp://x' }, 'http(s)'],
      [{ numberId: 'num_1', url: receiverUrl, duplicates: 2 }, 'probability'],
      [{ numberId: 'num_1', url: receiverUrl, delayMs: 'soon' }, 'delayMs'],
    ] as const) {
      const response = await control('POST', '/sim/webhooks', body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toContain(message);
    }
    expect((await control('POST', '/sim/webhooks', { numberId: 'num_404', url: receiverUrl })).status).toBe(404);
  });
});
