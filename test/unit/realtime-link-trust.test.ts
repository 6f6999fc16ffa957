import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { systemClock } from '../../main/core/clock';
import { PilotClient, type RealtimeSession } from '../../main/core/pilot/pilot-client';
import { PilotApiError } from '../../main/core/pilot/pilot-error';
import { RealtimeLink, type LinkState } from '../../main/core/providers/evo-go/realtime-link';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import type { SimNumber } from '../../main/simulator/sim-state';
import { startTestSimulator } from '../support/sim';

let sim: RunningSimulator;
let web: SimNumber;
let client: PilotClient;
let logs: Record<string, unknown>[];
const links: RealtimeLink[] = [];
const servers: WebSocketServer[] = [];

beforeEach(async () => {
  sim = await startTestSimulator();
  web = sim.simulator.addNumber({ provider: 'EVO_GO' });
  client = new PilotClient({ baseUrl: sim.url, apiKey: async () => web.apiKey });
  logs = [];
});
afterEach(async () => {
  for (const link of links.splice(0)) link.stop();
  for (const server of servers.splice(0)) server.close();
  await sim.close();
});

const liveCall = () => {
  const call = sim.simulator.incomingCall({ numberId: web.id, from: '+5511977776666' });
  sim.simulator.accept(web, call.id);
  return call;
};

/** A link over `sessions` (the API's realtime-session answers), recording its states and the audio it got. */
const startLink = (callId: string, sessions: Pick<PilotClient, 'realtimeSession'>) => {
  const states: LinkState[] = [];
  const frames: number[] = [];
  const link = new RealtimeLink({
    callId,
    mode: 'talk',
    client: sessions,
    clock: systemClock,
    logger: pino({ level: 'debug' }, new Writable({ write: (line, _enc, done) => (logs.push(JSON.parse(String(line))), done()) })),
    onAudio: (pcm) => frames.push(pcm.length),
    onState: (state) => states.push(state),
    maxBackoffMs: 200,
  });
  links.push(link);
  link.start();
  return { link, states, frames };
};

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('realtime sessions: what identifies one, and what happens when they keep failing', () => {
  it('tries every session fresh from the API, even when its token field repeats', async () => {
    const call = liveCall();
    // The contract promises nothing about the token field: this server sends the same one every time.
    const sameToken = { realtimeSession: async (id: string, mode: 'talk' | 'listen') => ({ ...(await client.realtimeSession(id, mode)), token: 'tok_same' }) };
    const { link } = startLink(call.id, sameToken);
    await until(() => link.stats.sessions === 1 && sim.simulator.media.existing(call.id)?.sessions.length === 1);
    await new Promise((r) => setTimeout(r, 1100));
    sim.simulator.media.existing(call.id)!.dropSockets();
    await until(() => sim.simulator.media.tokens.forCall(call.id).filter((t) => t.redeemedAt !== null).length === 2);
    expect(sim.simulator.media.tokens.refused).toEqual([]);
  });

  it('never presents the same wsUrl twice: a repeated session is skipped and a new one asked for', async () => {
    const call = liveCall();
    let first: RealtimeSession | null = null;
    let requests = 0;
    const repeating = {
      realtimeSession: async (id: string, mode: 'talk' | 'listen') => {
        requests++;
        if (requests <= 2) return (first ??= await client.realtimeSession(id, mode));
        return client.realtimeSession(id, mode);
      },
    };
    const { link, states } = startLink(call.id, repeating);
    await until(() => states.includes('live'));
    await new Promise((r) => setTimeout(r, 1100));
    sim.simulator.media.existing(call.id)!.dropSockets();
    await until(() => requests >= 3 && link.stats.sessions === 2);
    expect(sim.simulator.media.tokens.refused).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'realtime session came back with a wsUrl already used; not presenting it again' }));
  });

  it('says why when fresh sessions keep failing, keeps trying, and never ends the call itself', async () => {
    const call = liveCall();
    let requests = 0;
    const down = {
      realtimeSession: async () => {
        requests++;
        throw new PilotApiError('http', 'WHATSAPP_INSTANCE_NOT_CONNECTED', 'session down', 409);
      },
    };
    const { link, states } = startLink(call.id, down);
    await until(() => states.includes('failing'));
    expect(link.problem).toMatchObject({ code: 'WHATSAPP_INSTANCE_NOT_CONNECTED' });
    const before = requests;
    await until(() => requests > before + 2);
    expect(states).not.toContain('ended');
    expect(sim.simulator.call(call.id)?.status).toBe('ACCEPTED');
  });

  it('names a socket the server keeps refusing, and goes live again once it is taken', async () => {
    const call = liveCall();
    let refuse = true;
    const refusing = {
      realtimeSession: async (id: string, mode: 'talk' | 'listen') => {
        const session = await client.realtimeSession(id, mode);
        return refuse ? { ...session, wsUrl: session.wsUrl.replace(/token=[^&]+/, `token=forged${Math.random()}`) } : session;
      },
    };
    const { link, states } = startLink(call.id, refusing);
    await until(() => states.includes('failing'));
    expect(link.problem).toMatchObject({ code: 'REALTIME_SOCKET_REFUSED', details: { status: 401 } });
    refuse = false;
    await until(() => states.at(-1) === 'live');
    expect(link.problem).toBeNull();
  });
});

describe('realtime sockets: only where and what the contract allows', () => {
  it('opens only wss:, or ws: to this machine; any other wsUrl is refused without connecting', async () => {
    const call = liveCall();
    for (const wsUrl of ['ws://10.255.255.1/call/media/realtime/ws/x?token=t', 'http://127.0.0.1:9/x', 'file:///etc/passwd', 'not a url']) {
      logs.length = 0;
      const { link, states } = startLink(call.id, { realtimeSession: async () => ({ wsUrl: `${wsUrl}#${Math.random()}` }) });
      await until(() => states.includes('failing'), 2000);
      expect([wsUrl, link.problem?.code]).toEqual([wsUrl, 'REALTIME_URL_REFUSED']);
      expect(logs.filter((l) => l.msg === 'realtime socket error')).toEqual([]);
      link.stop();
    }
  });

  it('refuses a frame over the cap (closing that socket) and delivers none of it', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    servers.push(server);
    await new Promise((ready) => server.once('listening', ready));
    let connections = 0;
    server.on('connection', (ws) => {
      connections++;
      ws.send(Buffer.alloc(640));
      ws.send(Buffer.alloc(4 * 1024 * 1024));
    });
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/rt`;
    const { frames } = startLink('call_big', { realtimeSession: async () => ({ wsUrl: `${url}?n=${Math.random()}` }) });
    await until(() => connections >= 2);
    expect(frames.length).toBeGreaterThan(0);
    expect(Math.max(...frames)).toBe(640);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'realtime socket error', err: expect.objectContaining({ code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' }) }));
  });
});
