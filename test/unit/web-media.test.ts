import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { PilotClient } from '../../main/core/pilot/pilot-client';
import { WebMediaService, type RendererAudioPort } from '../../main/core/providers/evo-go/web-media-service';
import { startSimulatorServer, type RunningSimulator } from '../../main/simulator/sim-server';
import type { SimNumber } from '../../main/simulator/sim-state';
import { Simulator } from '../../main/simulator/simulator';
import { dominantFrequency, sine } from '../support/audio-analysis';

let sim: RunningSimulator;
let web: SimNumber;
let logs: Record<string, unknown>[];
let service: WebMediaService;
let changes: string[];
let client: PilotClient;

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** The renderer's end of the channel, as a test sees it: frames in, frames out. */
const fakeRenderer = () => {
  const received: Buffer[] = [];
  let closed: number | null = null;
  const port: RendererAudioPort = { send: (frame) => received.push(Buffer.from(frame)), close: (code) => (closed = code) };
  return { port, received, closed: () => closed };
};

/** A renderer frame: 8-byte time stamp, then PCM16. */
const rendererFrame = (samples: Float32Array, stamp = performance.timeOrigin + performance.now()) => {
  const frame = Buffer.alloc(8 + samples.length * 2);
  frame.writeDoubleLE(stamp, 0);
  samples.forEach((v, i) => frame.writeInt16LE(Math.round(v * 32767), 8 + i * 2));
  return frame;
};

const pcmOf = (frames: Buffer[]) => {
  const all = Buffer.concat(frames.map((f) => f.subarray(8)));
  return Float32Array.from({ length: all.length / 2 }, (_, i) => all.readInt16LE(i * 2) / 32768);
};

const liveCall = () => {
  const call = sim.simulator.incomingCall({ numberId: web.id, from: '+5511977776666' });
  sim.simulator.accept(web, call.id);
  return call;
};

/** A connected call whose customer speaks a tone, with the agent's talk audio live and a renderer attached. */
const talkingCall = async (customerHz: number) => {
  sim.simulator.media.defaultVoice = { kind: 'tone', frequency: customerHz };
  const call = liveCall();
  const renderer = fakeRenderer();
  service.start(call.id, 'line', 'talk');
  const attachment = service.attachRenderer(call.id, renderer.port)!;
  await until(() => service.view(call.id)?.link === 'live');
  return { call, renderer, attachment };
};

const makeService = (options: { sampleRate?: number; client?: Pick<PilotClient, 'realtimeSession'> } = {}) =>
  new WebMediaService({
    clock: systemClock,
    logger: pino({ level: 'debug' }, new Writable({ write: (line, _enc, done) => (logs.push(JSON.parse(String(line))), done()) })),
    client: () => options.client ?? client,
    sampleRate: () => options.sampleRate ?? 16_000,
    changed: (callId) => changes.push(`${callId}:${service.view(callId)?.link ?? 'none'}`),
  });

beforeEach(async () => {
  sim = await startSimulatorServer({ simulator: new Simulator(), controlToken: 'control' });
  web = sim.simulator.addNumber({ provider: 'EVO_GO' });
  client = new PilotClient({ baseUrl: sim.url, apiKey: async () => web.apiKey });
  logs = [];
  changes = [];
  service = makeService();
});

afterEach(async () => {
  service.stopAll();
  await sim.close();
});

describe('web-number realtime audio on the main side', () => {
  it('relays the customer to the renderer and the renderer, re-cut into steady 20 ms frames, to the customer', async () => {
    const { call, renderer, attachment } = await talkingCall(600);
    // The renderer delivers 2 s of 440 Hz in odd-sized pieces (as a worklet might).
    const agent = sine(440, 16_000, 32_000);
    const pieces = [100, 333, 640, 57];
    for (let i = 0, n = 0; i < agent.length; n++) {
      const piece = pieces[n % pieces.length]!;
      attachment.receive(rendererFrame(agent.subarray(i, i + piece)));
      if (i % 1600 < piece) await new Promise((r) => setTimeout(r, 10));
      i += piece;
    }
    await until(() => renderer.received.length > 40);
    const media = sim.simulator.media.existing(call.id)!;
    await until(() => media.sessions[0]!.framesReceived >= 99);
    expect(media.sessions[0]!.bytesReceived).toBe(media.sessions[0]!.framesReceived * 640);
    expect(Math.abs(dominantFrequency(Float32Array.from(media.agentAudio(), (v) => v / 32768), 16_000) - 440)).toBeLessThan(3);
    expect(Math.abs(dominantFrequency(pcmOf(renderer.received), 16_000) - 600)).toBeLessThan(3);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'realtime inbound frame size detected', bytes: 640, frameMs: 20 }));
    // Nothing secret in the log: no token, no wsUrl.
    const token = sim.simulator.media.tokens.forCall(call.id)[0]!.token;
    expect(JSON.stringify(logs)).not.toContain(token);
    service.stop(call.id);
    expect(renderer.closed()).toBe(1000);
    expect(logs.at(-1)).toMatchObject({ msg: 'web audio ended', micToSocketMs: { n: 100 } });
  });

  it('replaces a dropped socket at once with a fresh session, never presenting a token twice', async () => {
    sim.simulator.media.defaultVoice = { kind: 'tone', frequency: 500 };
    const call = liveCall();
    const renderer = fakeRenderer();
    service.start(call.id, 'line', 'talk');
    service.attachRenderer(call.id, renderer.port);
    await until(() => service.view(call.id)?.link === 'live');
    const media = sim.simulator.media.existing(call.id)!;
    expect(service.view(call.id)?.reconnects).toBe(0);
    for (let drop = 0; drop < 3; drop++) {
      const before = renderer.received.length;
      expect(media.dropSockets()).toBe(1);
      await until(() => renderer.received.length > before + 5);
      await new Promise((r) => setTimeout(r, 1100)); // let the new socket live past the quick-failure window
    }
    const tokens = sim.simulator.media.tokens.forCall(call.id);
    expect(tokens).toHaveLength(4);
    expect(tokens.every((t) => t.redeemedAt !== null)).toBe(true);
    expect(sim.simulator.media.tokens.refused).toEqual([]);
    const gaps = logs.filter((l) => l.msg === 'realtime audio resumed after a gap');
    expect(gaps).toHaveLength(3);
    for (const gap of gaps) expect(gap.gapMs).toBeLessThan(1000);
    expect(changes.filter((c) => c.endsWith('reconnecting'))).toHaveLength(3);
    // The window's quality panel counts them.
    expect(service.view(call.id)?.reconnects).toBe(3);
  });

  it('logs text frames and unknown close codes, and keeps the call audio going', async () => {
    const call = liveCall();
    service.start(call.id, 'line', 'talk');
    await until(() => service.view(call.id)?.link === 'live');
    const media = sim.simulator.media.existing(call.id)!;
    media.sendText('{"event":"something-undocumented"}');
    await until(() => logs.some((l) => l.msg === 'realtime text frame (undocumented; ignored)'));
    await new Promise((r) => setTimeout(r, 1100));
    media.closeSockets(4321, 'mystery');
    await until(() => logs.some((l) => l.msg === 'realtime socket closed with an unknown code; replacing it' && l.code === 4321));
    await until(() => media.sessions.length === 2 && media.sessions[1]!.closedAt === null);
    expect(service.view(call.id)?.link).toBe('live');
  });

  it('listen mode receives the customer and sends nothing, whatever the renderer pushes', async () => {
    sim.simulator.media.defaultVoice = { kind: 'tone', frequency: 800 };
    const call = liveCall();
    const renderer = fakeRenderer();
    service.start(call.id, 'line', 'listen');
    const attachment = service.attachRenderer(call.id, renderer.port)!;
    await until(() => renderer.received.length > 20);
    for (let i = 0; i < 20; i++) attachment.receive(rendererFrame(sine(440, 16_000, 320)));
    await new Promise((r) => setTimeout(r, 200));
    const [session] = sim.simulator.media.existing(call.id)!.sessions;
    expect(session).toMatchObject({ mode: 'listen', framesReceived: 0 });
    expect(Math.abs(dominantFrequency(pcmOf(renderer.received), 16_000) - 800)).toBeLessThan(3);
  });

  it('mute silences what the customer hears, hold silences both ways, and the frames keep coming', async () => {
    const { call, renderer, attachment } = await talkingCall(700);
    const media = sim.simulator.media.existing(call.id)!;
    const [session] = media.sessions;
    /** The agent speaks 450 Hz (whole cycles per frame, so frames join without a click) for `frames` × 20 ms; returns what the customer got and what the renderer got meanwhile. */
    const stretch = async (frames: number) => {
      const [heardFrom, playedFrom] = [media.agentAudio().length, renderer.received.length];
      const receivedFrom = session!.framesReceived;
      for (let i = 0; i < frames; i++) {
        attachment.receive(rendererFrame(sine(450, 16_000, 320)));
        await new Promise((r) => setTimeout(r, 20));
      }
      await until(() => session!.framesReceived >= receivedFrom + frames);
      const heard = Float32Array.from(media.agentAudio().subarray(heardFrom), (v) => v / 32768);
      return { heard, frames: session!.framesReceived - receivedFrom, played: pcmOf(renderer.received.slice(playedFrom)) };
    };
    const peak = (samples: Float32Array) => samples.reduce((max, v) => Math.max(max, Math.abs(v)), 0);

    const before = await stretch(25);
    expect(Math.abs(dominantFrequency(before.heard, 16_000) - 450)).toBeLessThan(3);

    expect(service.control(call.id, { muted: true })).toBe(true);
    expect(service.view(call.id)).toMatchObject({ muted: true, held: false });
    const muted = await stretch(25);
    expect(muted.frames).toBe(25);
    expect(peak(muted.heard)).toBe(0);
    expect(Math.abs(dominantFrequency(muted.played, 16_000) - 700)).toBeLessThan(3);

    service.control(call.id, { muted: false, held: true });
    const held = await stretch(25);
    expect(held.frames).toBe(25);
    expect(peak(held.heard)).toBe(0);
    expect(held.played.length).toBeGreaterThan(0);
    expect(peak(held.played)).toBe(0);

    service.control(call.id, { held: false });
    const after = await stretch(25);
    expect(Math.abs(dominantFrequency(after.heard, 16_000) - 450)).toBeLessThan(3);
    expect(Math.abs(dominantFrequency(after.played, 16_000) - 700)).toBeLessThan(3);
    expect(logs.filter((l) => l.msg === 'web call audio control').map((l) => [l.muted, l.held])).toEqual([
      [true, false],
      [false, true],
      [false, false],
    ]);
  });

  it('mute and hold need the agent\'s own call audio: not a listen session, not a call without audio', async () => {
    const call = liveCall();
    expect(service.control(call.id, { muted: true })).toBe(false);
    service.start(call.id, 'line', 'listen');
    expect(service.control(call.id, { muted: true })).toBe(false);
    expect(service.view(call.id)).toMatchObject({ mode: 'listen', muted: false, held: false });
  });

  it('stops asking for sessions once the call is over', async () => {
    const call = liveCall();
    service.start(call.id, 'line', 'talk');
    await until(() => service.view(call.id)?.link === 'live');
    sim.simulator.customerHangup(call.id);
    await until(() => service.view(call.id)?.link === 'ended');
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'realtime session refused: the call is over', code: 'CALL_ALREADY_ENDED' }));
  });

  it('refuses to present a session (its wsUrl) the server hands out again, and asks for another', async () => {
    const call = liveCall();
    let first: Awaited<ReturnType<PilotClient['realtimeSession']>> | null = null;
    let requests = 0;
    const repeating = {
      realtimeSession: async (callId: string, mode: 'talk' | 'listen') => {
        requests++;
        // A faulty server: the first two answers are the same session.
        if (requests <= 2) return (first ??= await client.realtimeSession(callId, mode));
        return client.realtimeSession(callId, mode);
      },
    };
    service = makeService({ client: repeating });
    service.start(call.id, 'line', 'talk');
    await until(() => service.view(call.id)?.link === 'live');
    sim.simulator.media.existing(call.id)!.dropSockets();
    await until(() => requests >= 3 && service.view(call.id)?.link === 'live');
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'realtime session came back with a wsUrl already used; not presenting it again' }));
    expect(sim.simulator.media.tokens.refused).toEqual([]);
  });

  it('notices the server speaks 24 kHz while the setting says 16 kHz, and adapts', async () => {
    sim.simulator.media.configure({ sampleRate: 24_000 });
    const call = liveCall();
    service.start(call.id, 'line', 'talk');
    await until(() => service.view(call.id)?.wireRate === 24_000, 6000);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'realtime inbound audio runs at another sample rate than the setting; adapting', adoptedRate: 24_000 }));
  });
});
