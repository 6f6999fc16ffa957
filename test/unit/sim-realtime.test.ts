import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { encodeWav } from '../../main/simulator/audio/wav';
import { startSimulatorServer, type RunningSimulator } from '../../main/simulator/sim-server';
import type { SimNumber } from '../../main/simulator/sim-state';
import { Simulator } from '../../main/simulator/simulator';
import { dominantFrequency, sine, toneShare } from '../support/audio-analysis';

let sim: RunningSimulator;
let web: SimNumber;
let meta: SimNumber;

const api = async (number: SimNumber, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'x-api-key': number.apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const connectedCall = (number = web) => {
  const call = sim.simulator.incomingCall({ numberId: number.id, from: '+5511988887777' });
  sim.simulator.accept(number, call.id);
  return call;
};

const open = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });

const collect = (ws: WebSocket, ms: number) =>
  new Promise<Buffer[]>((resolve) => {
    const frames: Buffer[] = [];
    ws.on('message', (data, isBinary) => isBinary && frames.push(data as Buffer));
    setTimeout(() => resolve(frames), ms);
  });

const toFloat = (frames: Buffer[]) => {
  const all = Buffer.concat(frames);
  return Float32Array.from({ length: all.length / 2 }, (_, i) => all.readInt16LE(i * 2) / 32768);
};

beforeEach(async () => {
  sim = await startSimulatorServer({ simulator: new Simulator(), controlToken: 'test-control' });
  web = sim.simulator.addNumber({ provider: 'EVO_GO' });
  meta = sim.simulator.addNumber({ provider: 'META' });
});

afterEach(async () => {
  await sim.close();
});

describe('simulator realtime sessions (contract §6)', () => {
  it('issues a single-use session and streams the customer tone as 20 ms PCM16 frames at 16 kHz', async () => {
    sim.simulator.media.defaultVoice = { kind: 'tone', frequency: 700 };
    const call = connectedCall();
    const { status, body } = await api(web, 'POST', `/v1/calls/${call.id}/realtime-session`, { mode: 'talk' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token: expect.any(String), expiresInSeconds: 120 });
    expect(String(body.wsUrl)).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/call\/media\/realtime\/ws\/.+\?token=/);
    const ws = await open(String(body.wsUrl));
    const frames = await collect(ws, 600);
    ws.close();
    expect(frames.length).toBeGreaterThan(15);
    expect(new Set(frames.map((f) => f.length))).toEqual(new Set([640]));
    expect(Math.abs(dominantFrequency(toFloat(frames), 16_000) - 700)).toBeLessThan(3);
  });

  it('refuses a token presented a second time, and one presented after its TTL', async () => {
    const call = connectedCall();
    const first = await api(web, 'POST', `/v1/calls/${call.id}/realtime-session`, { mode: 'talk' });
    const ws = await open(String(first.body.wsUrl));
    await expect(open(String(first.body.wsUrl))).rejects.toMatchObject({ status: 401 });
    sim.simulator.media.tokens.setTtl(30);
    const late = await api(web, 'POST', `/v1/calls/${call.id}/realtime-session`, { mode: 'talk' });
    expect(late.body.expiresInSeconds).toBe(0);
    await new Promise((r) => setTimeout(r, 80));
    await expect(open(String(late.body.wsUrl))).rejects.toMatchObject({ status: 401 });
    expect(sim.simulator.media.tokens.refused.map((r) => r.reason)).toEqual(['used', 'expired']);
    ws.close();
  });

  it('sends 60 ms frames and 24 kHz when configured so', async () => {
    sim.simulator.media.configure({ sampleRate: 24_000, frameMs: 60 });
    sim.simulator.media.defaultVoice = { kind: 'tone', frequency: 1000 };
    const call = connectedCall();
    const { body } = await api(web, 'POST', `/v1/calls/${call.id}/realtime-session`, { mode: 'talk' });
    const ws = await open(String(body.wsUrl));
    const frames = await collect(ws, 700);
    ws.close();
    expect(new Set(frames.map((f) => f.length))).toEqual(new Set([24_000 * 0.06 * 2]));
    expect(Math.abs(dominantFrequency(toFloat(frames), 24_000) - 1000)).toBeLessThan(3);
  });

  it('lets the customer hear what a talk session sends, and counts (but ignores) what a listen session sends', async () => {
    const call = connectedCall();
    const talk = await open(String((await api(web, 'POST', `/v1/calls/${call.id}/realtime-session`, { mode: 'talk' })).body.wsUrl));
    const listen = await open(String((await api(web, 'POST', `/v1/calls/${call.id}/realtime-session`, { mode: 'listen' })).body.wsUrl));
    const agent = sine(440, 16_000, 16_000);
    const noise = sine(2500, 16_000, 320);
    for (let i = 0; i < 50; i++) {
      talk.send(Buffer.from(Int16Array.from(agent.subarray(i * 320, (i + 1) * 320), (v) => v * 32767).buffer));
      listen.send(Buffer.from(Int16Array.from(noise, (v) => v * 32767).buffer));
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 100));
    const media = sim.simulator.media.existing(call.id)!;
    const [talkSession, listenSession] = media.sessions;
    expect(talkSession).toMatchObject({ mode: 'talk', framesReceived: 50 });
    expect(listenSession).toMatchObject({ mode: 'listen', framesReceived: 50 });
    const heard = Float32Array.from(media.customerHeard(), (v) => v / 32768);
    expect(Math.abs(dominantFrequency(heard, 16_000) - 440)).toBeLessThan(3);
    expect(toneShare(heard, 16_000, 2500)).toBeLessThan(0.01);
    talk.close();
    listen.close();
  });

  it('closes every session when the call ends, and cuts them abruptly on request', async () => {
    const call = connectedCall();
    const a = await open(String((await api(web, 'POST', `/v1/calls/${call.id}/realtime-session`, {})).body.wsUrl));
    const dropped = new Promise<number>((resolve) => a.once('close', (code) => resolve(code)));
    expect(sim.simulator.media.existing(call.id)!.dropSockets()).toBe(1);
    expect(await dropped).toBe(1006);
    const b = await open(String((await api(web, 'POST', `/v1/calls/${call.id}/realtime-session`, {})).body.wsUrl));
    const closed = new Promise<number>((resolve) => b.once('close', (code) => resolve(code)));
    sim.simulator.customerHangup(call.id);
    expect(await closed).toBe(1000);
    const after = await api(web, 'POST', `/v1/calls/${call.id}/realtime-session`, {});
    expect(after).toMatchObject({ status: 409, body: { code: 'CALL_ALREADY_ENDED' } });
  });
});

describe('simulator web-number endpoints', () => {
  let files: Server;
  let filesUrl: string;

  beforeEach(async () => {
    const wav = encodeWav(sine(1200, 16_000, 16_000, 0.5), 16_000);
    files = createServer((request, response) => {
      if (request.url === '/greeting.wav') response.writeHead(200, { 'content-type': 'audio/wav' }).end(wav);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });

  afterEach(() => new Promise<void>((resolve) => files.close(() => resolve())));

  it('queues /play before the call connects and mixes the prompt into what the customer hears after', async () => {
    const call = sim.simulator.incomingCall({ numberId: web.id, from: '+5511988887777' });
    const played = await api(web, 'POST', `/v1/calls/${call.id}/play`, { mediaUrl: `${filesUrl}/greeting.wav` });
    expect(played).toMatchObject({ status: 200, body: { success: true } });
    const media = sim.simulator.media.existing(call.id)!;
    await media.prompts.settled();
    expect(media.prompts.plays[0]).toMatchObject({ startedAt: null, error: null });
    sim.simulator.accept(web, call.id);
    await new Promise((r) => setTimeout(r, 700));
    expect(media.prompts.plays[0]!.startedAt).not.toBeNull();
    const heard = Float32Array.from(media.customerHeard(), (v) => v / 32768);
    expect(Math.abs(dominantFrequency(heard, 16_000) - 1200)).toBeLessThan(3);
  });

  it('validates prompt URLs and records prompts it cannot fetch', async () => {
    const call = connectedCall();
    expect(await api(web, 'POST', `/v1/calls/${call.id}/play`, { mediaUrl: 'ftp://x/y.wav' })).toMatchObject({ status: 400 });
    expect(await api(web, 'POST', `/v1/calls/${call.id}/play`, { mediaUrl: `${filesUrl}/notes.txt` })).toMatchObject({ status: 400 });
    expect(await api(web, 'POST', `/v1/calls/${call.id}/play`, { mediaUrl: `${filesUrl}/missing.wav` })).toMatchObject({ status: 200 });
    const media = sim.simulator.media.existing(call.id)!;
    await media.prompts.settled();
    expect(media.prompts.plays[0]!.error).toMatch(/404/);
  });

  it('answers 400 FEATURE_NOT_SUPPORTED across provider lines and 409 when the web session is down', async () => {
    const metaCall = sim.simulator.incomingCall({ numberId: meta.id, from: '+5511988887777' });
    for (const action of ['realtime-session', 'play']) {
      expect(await api(meta, 'POST', `/v1/calls/${metaCall.id}/${action}`, { mode: 'talk', mediaUrl: `${filesUrl}/greeting.wav` })).toMatchObject({
        status: 400,
        body: { code: 'FEATURE_NOT_SUPPORTED' },
      });
    }
    const webCall = sim.simulator.incomingCall({ numberId: web.id, from: '+5511988887777' });
    expect(await api(web, 'POST', `/v1/calls/${webCall.id}/pre-accept`, { sdp: 'v=0' })).toMatchObject({ status: 400, body: { code: 'FEATURE_NOT_SUPPORTED' } });
    for (const [method, path] of [['GET', '/v1/calls/settings'], ['PUT', '/v1/calls/settings'], ['GET', '/v1/calls/permissions?to=%2B5511988887777'], ['POST', '/v1/calls/permissions/request']] as const) {
      expect(await api(web, method, path, method === 'GET' ? undefined : { to: '+5511988887777' })).toMatchObject({ status: 400, body: { code: 'FEATURE_NOT_SUPPORTED' } });
    }
    sim.simulator.accept(web, webCall.id);
    web.connected = false;
    expect(await api(web, 'POST', `/v1/calls/${webCall.id}/realtime-session`, { mode: 'talk' })).toMatchObject({
      status: 409,
      body: { code: 'WHATSAPP_INSTANCE_NOT_CONNECTED' },
    });
  });

  it('places an outbound web call that rings and is answered by the simulated customer', async () => {
    sim.simulator.outboundCustomer = { ringAfterMs: 20, answerAfterMs: 50, answers: true };
    const placed = await api(web, 'POST', '/v1/calls', { to: '+55 11 98888-7777' });
    expect(placed).toMatchObject({ status: 200, body: { status: 'INITIATED', id: expect.stringMatching(/^call_/) } });
    const statuses: string[] = [];
    sim.simulator.on('call', (e) => e.call.id === placed.body.id && statuses.push(e.status));
    await new Promise((r) => setTimeout(r, 150));
    expect(statuses).toEqual(['RINGING', 'ACCEPTED']);
    const call = await api(web, 'GET', `/v1/calls/${String(placed.body.id)}`);
    expect(call.body).toMatchObject({ direction: 'OUTBOUND', peerNumber: '5511988887777', status: 'ACCEPTED' });
    expect(await api(web, 'POST', '/v1/calls', { to: 'nobody' })).toMatchObject({ status: 400 });
  });
});
