import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { providers } from '../../preload/contract';
import { faultKinds, type FaultKind } from './faults';
import { serveMetaApi } from './meta/meta-api';
import { serveMetaControl } from './meta/meta-control';
import { serializeCall, type SimNumber } from './sim-state';
import { SimError } from './sim-error';
import { Simulator } from './simulator';
import { placeWebCall, play, realtimeSession } from './web-calls';
import { serveWebhookControl } from './webhook-control';
import { webhooksOf } from './webhooks';

export interface SimulatorServerOptions {
  simulator?: Simulator;
  /** Loopback only; 0 picks a free port. */
  port?: number;
  /** Required in `x-sim-control` for the `/sim/*` control surface. */
  controlToken: string;
}

export interface RunningSimulator {
  simulator: Simulator;
  /** Base URL to configure as a line's Pilot Status address (its port may change after {@link pause}). */
  readonly url: string;
  controlToken: string;
  /** Whether it accepts connections now. */
  readonly listening: boolean;
  /** Stops listening (open connections are closed); the simulator and its calls are kept. */
  pause(): Promise<void>;
  /** Listens again: on the same port when it is still free, else on another. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

const maxBodyBytes = 1024 * 1024;

class BadRequest extends SimError {
  constructor(message: string) {
    super(400, 'VALIDATION_ERROR', message);
  }
}

const readBody = async (request: IncomingMessage): Promise<Json> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new SimError(413, 'PAYLOAD_TOO_LARGE', 'Body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Json;
  } catch {
    throw new BadRequest('Body must be a JSON object');
  }
};

const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
};

const sameSecret = (given: string | undefined, expected: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const optionalString = (body: Json, field: string): string | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadRequest(`${field} must be a string`);
  return value;
};

/**
 * A Pilot Status-compatible HTTP server over a {@link Simulator}, bound to
 * 127.0.0.1: the `/v1/calls*` contract with `x-api-key` auth, plus `/sim/*`
 * for tests and the demo to act as the customer and inject faults.
 */
export const startSimulatorServer = async (options: SimulatorServerOptions): Promise<RunningSimulator> => {
  const simulator = options.simulator ?? new Simulator();
  const held = new Set<ServerResponse>();

  const authenticate = (request: IncomingMessage): SimNumber => {
    const key = request.headers['x-api-key'];
    if (typeof key !== 'string' || key.length === 0) {
      throw new SimError(401, 'UNAUTHORIZED', request.headers.authorization ? 'Bearer tokens are not accepted; send x-api-key' : 'Missing x-api-key');
    }
    const number = simulator.numberForKey(key);
    if (!number) throw new SimError(401, 'INVALID_API_KEY', 'Invalid API key');
    return number;
  };

  const api = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const number = authenticate(request);
    const fault = simulator.faults.take();
    if (fault?.kind === 'server-error') return send(response, 500, { code: 'INTERNAL_ERROR', message: 'Simulated failure' });
    if (fault?.kind === 'rate-limit') {
      return send(response, 429, { code: 'RATE_LIMITED', message: 'Slow down' }, { 'retry-after': String(fault.retryAfterSeconds ?? 2) });
    }
    if (fault?.kind === 'timeout') {
      held.add(response);
      response.on('close', () => held.delete(response));
      return;
    }
    if (fault?.kind === 'malformed') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"calls":[{"id":"call_');
      return;
    }
    const path = url.pathname;
    const method = request.method ?? 'GET';
    const body = method === 'POST' || method === 'PUT' ? await readBody(request) : {};

    if (path === '/v1/calls' && method === 'GET') {
      const limitText = url.searchParams.get('limit');
      const limit = limitText === null ? 25 : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new BadRequest('limit must be an integer from 1 to 100');
      const beforeText = url.searchParams.get('before');
      const before = beforeText === null ? undefined : Date.parse(beforeText);
      if (before !== undefined && Number.isNaN(before)) throw new BadRequest('before must be an ISO-8601 time');
      const calls: unknown[] = simulator.list(number, { limit, before }).map((c) => serializeCall(c, number.provider, false));
      if (fault?.kind === 'unknown-status') {
        calls.unshift({ id: 'call_unknown_status', status: 'QUEUED_FOR_REVIEW', direction: 'INBOUND', peerNumber: '5511900000000', createdAt: new Date().toISOString() });
        calls.push({ note: 'an entry with no id or status' });
      }
      return send(response, 200, { calls });
    }

    if (await serveMetaApi(simulator, number, { method, path, url, body }, (status, json) => send(response, status, json))) return;
    if (path === '/v1/calls' && method === 'POST') return send(response, 200, placeWebCall(simulator, number, body));

    const match = /^\/v1\/calls\/([^/]+)(?:\/([a-z-]+))?$/.exec(path);
    if (!match) throw new SimError(404, 'NOT_FOUND', `No route ${method} ${path}`);
    const callId = decodeURIComponent(match[1]!);
    const action = match[2];

    if (!action && method === 'GET') {
      const call = simulator.find(number, callId);
      return send(response, 200, serializeCall(call, number.provider, url.searchParams.get('includeSdp') === '1'));
    }
    if (method !== 'POST') throw new SimError(405, 'METHOD_NOT_ALLOWED', `${method} not allowed`);
    const ok = (call: { id: string; status: string }) => send(response, 200, { success: true, id: call.id, status: call.status });
    switch (action) {
      case 'pre-accept':
        return ok(simulator.preAccept(number, callId, optionalString(body, 'sdp')));
      case 'accept':
        return ok(simulator.accept(number, callId, optionalString(body, 'sdp')));
      case 'reject':
        return ok(simulator.reject(number, callId));
      case 'terminate':
        return ok(simulator.terminate(number, callId));
      case 'play':
        return send(response, 200, play(simulator, number, callId, body));
      case 'realtime-session':
        return send(response, 200, realtimeSession(simulator, number, callId, body, request.headers.host ?? '127.0.0.1'));
      default:
        throw new SimError(404, 'NOT_FOUND', `No route ${method} ${path}`);
    }
  };

  const control = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const token = request.headers['x-sim-control'];
    if (!sameSecret(typeof token === 'string' ? token : undefined, options.controlToken)) {
      throw new SimError(401, 'UNAUTHORIZED', 'x-sim-control token required');
    }
    const body = request.method === 'POST' ? await readBody(request) : {};
    const path = url.pathname;
    if (await serveMetaControl(simulator, { method: request.method ?? 'GET', path, body }, (status, json) => send(response, status, json))) return;
    if (await serveWebhookControl(simulator, { method: request.method ?? 'GET', path, body }, (status, json) => send(response, status, json))) return;
    if (path === '/sim/numbers' && request.method === 'POST') {
      const provider = body.provider;
      if (typeof provider !== 'string' || !(providers as readonly string[]).includes(provider)) throw new BadRequest('provider must be META or EVO_GO');
      const number = simulator.addNumber({ provider: provider as SimNumber['provider'], connected: body.connected !== false });
      return send(response, 200, number);
    }
    if (path === '/sim/calls' && request.method === 'GET') return send(response, 200, { calls: simulator.allCalls() });
    if (path === '/sim/calls/incoming' && request.method === 'POST') {
      const numberId = optionalString(body, 'numberId');
      const from = optionalString(body, 'from');
      if (!numberId || !from) throw new BadRequest('numberId and from are required');
      const ringTimeoutMs = typeof body.ringTimeoutMs === 'number' ? body.ringTimeoutMs : undefined;
      return send(response, 200, simulator.incomingCall({ numberId, from, ringTimeoutMs }));
    }
    const hangup = /^\/sim\/calls\/([^/]+)\/hangup$/.exec(path);
    if (hangup && request.method === 'POST') return send(response, 200, simulator.customerHangup(decodeURIComponent(hangup[1]!)));
    const connection = /^\/sim\/numbers\/([^/]+)\/connection$/.exec(path);
    if (connection && request.method === 'POST') {
      const number = simulator.number(decodeURIComponent(connection[1]!));
      number.connected = body.connected === true;
      return send(response, 200, number);
    }
    if (path === '/sim/faults' && request.method === 'POST') {
      const kind = body.kind;
      if (typeof kind !== 'string' || !(faultKinds as readonly string[]).includes(kind)) throw new BadRequest(`kind must be one of ${faultKinds.join(', ')}`);
      simulator.faults.add({
        kind: kind as FaultKind,
        remaining: typeof body.count === 'number' ? body.count : undefined,
        until: typeof body.forMs === 'number' ? Date.now() + body.forMs : undefined,
        retryAfterSeconds: typeof body.retryAfterSeconds === 'number' ? body.retryAfterSeconds : undefined,
      });
      return send(response, 200, { faults: simulator.faults.active() });
    }
    if (path === '/sim/faults' && request.method === 'DELETE') {
      simulator.faults.clear();
      return send(response, 200, { faults: [] });
    }
    throw new SimError(404, 'NOT_FOUND', `No control route ${request.method} ${path}`);
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = url.pathname.startsWith('/v1/') || url.pathname === '/v1' ? api : url.pathname.startsWith('/sim/') ? control : null;
    if (!route) return send(response, 404, { code: 'NOT_FOUND', message: 'Not found' });
    route(request, response, url).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof SimError) return send(response, error.status, { code: error.code, message: error.message, ...error.extra });
      send(response, 500, { code: 'INTERNAL_ERROR', message: (error as Error).message });
    });
  });

  // Realtime PCM16 sockets of web-number calls (contract §6); anything else is refused.
  server.on('upgrade', (request, socket, head) => {
    if (!simulator.media.handleUpgrade(request, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  const listen = (wanted: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(wanted, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = async (): Promise<void> => {
    if (!server.listening) return;
    for (const response of held) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  await listen(options.port ?? 0);
  let port = (server.address() as AddressInfo).port;
  return {
    simulator,
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    controlToken: options.controlToken,
    get listening() {
      return server.listening;
    },
    pause: stopListening,
    resume: async () => {
      if (server.listening) return;
      await listen(port).catch(() => listen(0));
      port = (server.address() as AddressInfo).port;
    },
    close: async () => {
      webhooksOf(simulator).close();
      simulator.close();
      await stopListening();
    },
  };
};
