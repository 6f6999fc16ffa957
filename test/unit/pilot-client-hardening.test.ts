import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PilotClient } from '../../main/core/pilot/pilot-client';
import type { PilotApiError } from '../../main/core/pilot/pilot-error';

/** A loopback HTTP server that records what it was sent and answers with `respond`. */
interface Recorded {
  url: string;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => (s.closeAllConnections(), s.close(done)))));
});

const serve = async (respond: (path: string, reply: (status: number, headers: Record<string, string>, body?: string | Buffer) => void, raw: import('node:http').ServerResponse) => void): Promise<Recorded> => {
  const requests: Recorded['requests'] = [];
  const server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', headers: request.headers });
    respond(request.url ?? '', (status, headers, body) => response.writeHead(status, headers).end(body), response);
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: async () => undefined };
};

const key = 'ps_hardening_test_key';
const failure = (promise: Promise<unknown>): Promise<PilotApiError> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: PilotApiError) => error,
  );

describe('Pilot client: the key stays with the address it was entered for', () => {
  it('never follows a redirect to another origin with the key, and says so', async () => {
    const elsewhere = await serve((_path, reply) => reply(200, { 'content-type': 'application/json' }, '{"calls":[]}'));
    const pilot = await serve((path, reply) => reply(302, { location: `${elsewhere.url}${path}` }));
    const client = new PilotClient({ baseUrl: pilot.url, apiKey: async () => key });
    expect(await failure(client.listCalls())).toMatchObject({ code: 'REDIRECTED_ELSEWHERE', status: 302 });
    expect(elsewhere.requests).toEqual([]);
  });

  it('refuses a redirect from https to plain http on the same host, and from one loopback port to another', async () => {
    const other = await serve((_p, reply) => reply(200, { 'content-type': 'application/json' }, '{"calls":[]}'));
    const pilot = await serve((_p, reply) => reply(307, { location: `${other.url}/v1/calls` }));
    expect(await failure(new PilotClient({ baseUrl: pilot.url, apiKey: async () => key }).listCalls())).toMatchObject({ code: 'REDIRECTED_ELSEWHERE' });
    expect(other.requests).toEqual([]);
  });

  it('follows a redirect within the same origin, key included', async () => {
    const pilot = await serve((path, reply) =>
      path.startsWith('/v1/') ? reply(301, { location: `/api${path}` }) : reply(200, { 'content-type': 'application/json' }, '{"calls":[]}'),
    );
    expect(await new PilotClient({ baseUrl: pilot.url, apiKey: async () => key }).listCalls()).toEqual({ calls: [], rejected: [] });
    expect(pilot.requests.map((r) => [r.path, r.headers['x-api-key']])).toEqual([
      ['/v1/calls', key],
      ['/api/v1/calls', key],
    ]);
  });

  it('sends no key over plain http except to this machine', async () => {
    const client = new PilotClient({ baseUrl: 'http://pilot.example.invalid', apiKey: async () => key });
    expect(await failure(client.listCalls())).toMatchObject({ code: 'INSECURE_ADDRESS' });
  });
});

describe('Pilot client: answers of any size or shape', () => {
  it('stops reading an answer over the size cap and says it was too large', async () => {
    const big = `{"calls":[${Array.from({ length: 70_000 }, (_, i) => `{"id":"call_${i}","status":"COMPLETED","peerNumber":"5511999999999"}`).join(',')}]}`;
    expect(big.length).toBeGreaterThan(4 * 1024 * 1024);
    const pilot = await serve((_p, reply) => reply(200, { 'content-type': 'application/json' }, big));
    expect(await failure(new PilotClient({ baseUrl: pilot.url, apiKey: async () => key }).listCalls())).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
  });

  it('stops a streamed answer that never ends without holding it in memory', async () => {
    let sent = 0;
    const pilot = await serve((_p, _reply, raw) => {
      raw.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const pump = () => {
        while (!raw.destroyed && sent < 200 * 1024 * 1024 && raw.write(chunk)) sent += chunk.length;
        if (!raw.destroyed && sent < 200 * 1024 * 1024) raw.once('drain', pump);
      };
      raw.on('close', () => undefined);
      pump();
    });
    expect(await failure(new PilotClient({ baseUrl: pilot.url, apiKey: async () => key, timeoutMs: 20_000 }).listCalls())).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('takes an address typed with a trailing /v1 as the address itself', async () => {
    const pilot = await serve((_p, reply) => reply(200, { 'content-type': 'application/json' }, '{"calls":[]}'));
    await new PilotClient({ baseUrl: `${pilot.url}/v1/`, apiKey: async () => key }).listCalls();
    expect(pilot.requests.map((r) => r.path)).toEqual(['/v1/calls']);
  });
});
