import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import WebSocket, { WebSocketServer } from 'ws';
import { systemClock } from '../../main/core/clock';
import { maxRealtimeFrameBytes } from '../../main/core/providers/evo-go/realtime-link';
import { WebMediaService, type RendererAttachment } from '../../main/core/providers/evo-go/web-media-service';
import { ensure, runProperty, type FuzzOptions, type FuzzResult } from './fuzz-run';
import { capturingLogger } from './log-capture';

/** One frame the realtime server sends: binary of any length (a few over the cap), or text. */
type ServerFrame = { binary: Uint8Array } | { text: string } | { oversized: number };
const serverFrame: fc.Arbitrary<ServerFrame> = fc.oneof(
  { weight: 30, arbitrary: fc.uint8Array({ maxLength: 4000 }).map((binary) => ({ binary })) },
  { weight: 3, arbitrary: fc.constant({ binary: new Uint8Array(0) }) },
  { weight: 8, arbitrary: fc.string({ maxLength: 300 }).map((text) => ({ text })) },
);
/**
 * Now and then a case ends with a frame over the cap. Rarely: each costs the
 * socket, and sockets killed in quick succession are replaced with a growing
 * back-off (up to 2 s), which would make up most of the run's time.
 */
const oversized: fc.Arbitrary<ServerFrame[]> = fc.oneof(
  { weight: 40, arbitrary: fc.constant<ServerFrame[]>([]) },
  { weight: 1, arbitrary: fc.integer({ min: maxRealtimeFrameBytes + 1, max: maxRealtimeFrameBytes + 70_000 }).map((size): ServerFrame[] => [{ oversized: size }]) },
);
/** What the window sends: frames of any length, with or without a time stamp's worth of header. */
const rendererFrame = fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 0, max: 2000 }).map((samples) => new Uint8Array(8 + samples * 2)));

const until = async (check: () => boolean, what: string, timeoutMs = 5000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

/**
 * Realtime audio sockets sending frames of every kind (odd lengths, empty,
 * oversized, text instead of binary), and a window sending anything, through
 * the main side's web-call audio. Properties: the window gets exactly the
 * binary frames within the cap, in order, byte for byte; text never reaches
 * it; an oversized frame costs that socket and a new session takes over;
 * what reaches Pilot Status is only ever steady 20 ms PCM16 frames; the
 * session token in the wsUrl never reaches a log line.
 */
export const fuzzRealtime = async (options: FuzzOptions): Promise<FuzzResult> => {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 1024 * 1024 });
  await new Promise((ready) => server.once('listening', ready));
  const port = (server.address() as AddressInfo).port;
  let socket: WebSocket | null = null;
  let connections = 0;
  const fromApp: number[] = [];
  server.on('connection', (ws) => {
    connections += 1;
    socket = ws;
    ws.on('message', (data: Buffer) => fromApp.push(data.length));
    ws.on('error', () => undefined);
  });
  const tokens: string[] = [];
  const log = capturingLogger();
  const media = new WebMediaService({
    clock: systemClock,
    logger: log.logger,
    client: () => ({
      realtimeSession: async () => {
        const token = `rt_fuzz_secret_${tokens.length}_${Math.random().toString(36).slice(2)}`;
        tokens.push(token);
        return { wsUrl: `ws://127.0.0.1:${port}/call/media/realtime/ws/x/call_fuzz?token=${token}`, token };
      },
    }),
    sampleRate: () => 16_000,
    changed: () => undefined,
  });
  const received: Buffer[] = [];
  media.start('call_fuzz', 'line', 'talk');
  const attachment: RendererAttachment = media.attachRenderer('call_fuzz', { send: (frame) => received.push(Buffer.from(frame)), close: () => undefined })!;
  let marker = 0;
  try {
    await until(() => socket?.readyState === WebSocket.OPEN && media.view('call_fuzz')?.link === 'live', 'the first socket');
    return await runProperty('realtime-frames', options, fc.record({ frames: fc.tuple(fc.array(serverFrame, { maxLength: 6 }), oversized).map(([frames, last]) => [...frames, ...last]), fromWindow: fc.array(rendererFrame, { maxLength: 4 }) }), async ({ frames, fromWindow }) => {
      received.length = 0;
      fromApp.length = 0;
      const ws = socket!;
      const expected: Buffer[] = [];
      let dropped = false;
      for (const frame of frames) {
        if ('text' in frame) ws.send(frame.text, { binary: false });
        else if ('oversized' in frame) {
          ws.send(Buffer.alloc(frame.oversized, 1), { binary: true });
          dropped = true;
          break;
        } else {
          ws.send(frame.binary, { binary: true });
          expected.push(Buffer.from(frame.binary));
        }
      }
      // A marker frame closes the case: on this socket, or on the one replacing it after an oversized frame.
      marker += 1;
      const tail = Buffer.alloc(6);
      tail.writeUInt32BE(marker, 2);
      tail.writeUInt16BE(0xfade, 0);
      if (dropped) {
        await until(() => socket !== ws && socket?.readyState === WebSocket.OPEN && media.view('call_fuzz')?.link === 'live', 'a socket replacing the one an oversized frame closed');
      }
      socket!.send(tail, { binary: true });
      await until(() => received.some((frame) => frame.length === 14 && frame.readUInt16BE(8) === 0xfade && frame.readUInt32BE(10) === marker), 'the marker frame');
      const payloads = received.map((frame) => frame.subarray(8));
      const body = payloads.slice(0, -1);
      ensure(body.length === expected.length && body.every((p, i) => p.equals(expected[i]!)), () => `the window got ${body.length} frames for ${expected.length} sent (${dropped ? 'after an oversized frame' : 'no oversized frame'})`);
      ensure(received.every((frame) => frame.length >= 8 && frame.length - 8 <= maxRealtimeFrameBytes), 'a frame over the cap reached the window');
      for (const frame of fromWindow) attachment.receive(frame);
      await new Promise((resolve) => setTimeout(resolve, 1));
      ensure(fromApp.every((length) => length === 640), () => `Pilot Status got frames of ${[...new Set(fromApp)].join(', ')} bytes`);
      ensure(log.secretsSinceLastCheck(tokens).length === 0, 'a session token reached the log');
    }).then((result) => ({ ...result, counterexample: result.counterexample && `${result.counterexample} (sockets: ${connections})` }));
  } finally {
    media.stopAll();
    for (const client of server.clients) client.terminate();
    server.close();
  }
};
