import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../main/core/logging/logger';
import type { RendererAttachment, RendererAudioPort } from '../../main/core/providers/evo-go/web-media-service';
import { EventHub } from '../../main/runtime/event-hub';
import { startBrowserHost, type BrowserHost } from '../../main/web/browser-host';
import { sessionSecretFor } from '../support/launch-session';
import { tempDir } from '../support/temp-dir';

/** The browser host's per-call audio socket: guarded like the contract socket, binary only, one call each. */
const dir = tempDir();
let host: BrowserHost;
let secret: string;
const ports = new Map<string, RendererAudioPort>();
const received: Buffer[] = [];

beforeAll(async () => {
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
  host = await startBrowserHost({
    dispatch: async () => ({ ok: true, value: null }),
    events: new EventHub(),
    logger: silentLogger(),
    rendererDir,
    media: {
      attachRenderer: (callId: string, port: RendererAudioPort): RendererAttachment | null => {
        if (callId !== 'call_with_audio') return null;
        ports.set(callId, port);
        return { receive: (frame) => received.push(Buffer.from(frame)), detach: () => ports.delete(callId) };
      },
    },
  });
  secret = await sessionSecretFor(host.windowUrl());
});
afterAll(async () => {
  await host.close();
  dir.remove();
});

const open = (path: string, options: { origin?: string; protocols?: string[] }) =>
  new Promise<{ status: number } | { ws: WebSocket }>((resolve, reject) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}${path}`, options.protocols ?? [], { origin: options.origin });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', reject);
  });

const good = () => ({ origin: host.origin, protocols: ['pilot-media.v1', `secret.${secret}`] });

describe('browser host media socket', () => {
  it('refuses a foreign Origin, a missing or wrong secret, the contract subprotocol, and a missing call id', async () => {
    expect(await open('/media?call=call_with_audio', { ...good(), origin: 'http://evil.example' })).toEqual({ status: 403 });
    expect(await open('/media?call=call_with_audio', { origin: host.origin, protocols: ['pilot-media.v1'] })).toEqual({ status: 401 });
    expect(await open('/media?call=call_with_audio', { origin: host.origin, protocols: ['pilot-media.v1', 'secret.wrong'] })).toEqual({ status: 401 });
    expect(await open('/media?call=call_with_audio', { origin: host.origin, protocols: ['pilot-contract.v1', `secret.${secret}`] })).toEqual({ status: 401 });
    expect(await open('/media', good())).toEqual({ status: 400 });
  });

  it('relays binary frames both ways for a call with audio, ignores text, and closes for a call without', async () => {
    const opened = await open('/media?call=call_with_audio', good());
    if (!('ws' in opened)) throw new Error(`refused: ${opened.status}`);
    const { ws } = opened;
    expect(ws.protocol).toBe('pilot-media.v1');
    const fromMain = new Promise<Buffer>((resolve) => ws.once('message', (data) => resolve(data as Buffer)));
    ports.get('call_with_audio')!.send(Uint8Array.from([1, 2, 3, 4]));
    expect([...(await fromMain)]).toEqual([1, 2, 3, 4]);
    ws.send('{"not":"audio"}');
    ws.send(Buffer.from([9, 8, 7, 6]));
    await expect.poll(() => received.length).toBe(1);
    expect([...received[0]!]).toEqual([9, 8, 7, 6]);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ports.get('call_with_audio')!.close(1000, 'call audio ended');
    expect(await closed).toBe(1000);

    const none = await open('/media?call=call_without_audio', good());
    if (!('ws' in none)) throw new Error('expected the upgrade to succeed and then close');
    expect(await new Promise<number>((resolve) => none.ws.once('close', (code) => resolve(code)))).toBe(4404);
  });
});
