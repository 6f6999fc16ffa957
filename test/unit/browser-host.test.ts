import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { maxContractFrameBytes, type Result } from '../../preload/contract';
import { silentLogger } from '../../main/core/logging/logger';
import { EventHub } from '../../main/runtime/event-hub';
import { startBrowserHost, type BrowserHost } from '../../main/web/browser-host';
import { redeemLaunchCode, sessionSecretFor } from '../support/launch-session';
import { tempDir } from '../support/temp-dir';

const dir = tempDir();
const events = new EventHub();
let host: BrowserHost;
let secret: string;

beforeAll(async () => {
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir.path, 'outside-secret.txt'), 'nope');
  host = await startBrowserHost({
    dispatch: async (name, request) => ({ ok: true, value: { name, request } }),
    events,
    logger: silentLogger(),
    rendererDir,
    locale: () => 'pt-BR',
  });
  secret = await sessionSecretFor(host.windowUrl());
});
afterAll(async () => {
  await host.close();
  dir.remove();
});

/** Opens a socket and resolves with the HTTP status of a refusal, or the open socket. */
const connect = (options: { origin?: string; protocols?: string[] }): Promise<{ status: number } | { ws: WebSocket }> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/contract`, options.protocols ?? [], { origin: options.origin });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', reject);
  });

describe('browser host', () => {
  it('is bound to 127.0.0.1; a window address holds only a one-time code and the agent\'s language, in the fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const windowUrl = host.windowUrl();
    // The agent's language rides along (not a secret), so the window loads its messages at once.
    expect(windowUrl).toMatch(new RegExp(`^${host.origin}/#lang=pt-BR&code=[A-Za-z0-9_-]{32,}$`));
    expect(windowUrl).not.toContain(secret);
    expect(secret.length).toBeGreaterThanOrEqual(40);
  });

  it('exchanges a code once, from its own page only, for the session secret; a used or made-up code is dead', async () => {
    const windowUrl = host.windowUrl();
    const code = /&code=(.+)$/.exec(windowUrl)![1]!;
    // Another origin cannot redeem it (and does not use it up).
    const foreign = await fetch(`${host.origin}/session`, { method: 'POST', headers: { origin: 'http://evil.example', 'x-pilot-launch-code': code } });
    expect(foreign.status).toBe(403);
    const first = await redeemLaunchCode(windowUrl);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.json()).toEqual({ secret });
    expect((await redeemLaunchCode(windowUrl)).status).toBe(401);
    expect((await redeemLaunchCode(`${host.origin}/#code=madeup`)).status).toBe(401);
    // Every window gets its own code.
    expect(host.windowUrl()).not.toBe(host.windowUrl());
  });

  it('serves the renderer with a strict CSP and nothing outside it', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(host.origin.replace('http', 'ws'));
    expect((await fetch(`${host.origin}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${host.origin}/..%2foutside-secret.txt`)).status).toBe(404);
    expect((await fetch(`${host.origin}/%2e%2e/outside-secret.txt`)).status).toBe(404);
  });

  it('refuses requests naming another host (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const url = new URL(host.origin);
      request({ host: url.hostname, port: url.port, path: '/', headers: { host: 'attacker.example' } }, (res) => resolve(res.statusCode ?? 0)).end();
    });
    expect(status).toBe(421);
  });

  it('refuses a socket without the secret', async () => {
    expect(await connect({ origin: host.origin, protocols: ['pilot-contract.v1'] })).toEqual({ status: 401 });
    expect(await connect({ origin: host.origin, protocols: ['pilot-contract.v1', 'secret.wrong'] })).toEqual({ status: 401 });
  });

  it('refuses a socket from a foreign Origin even with the secret', async () => {
    const protocols = ['pilot-contract.v1', `secret.${secret}`];
    expect(await connect({ origin: 'http://evil.example', protocols })).toEqual({ status: 403 });
    expect(await connect({ origin: 'http://127.0.0.1:1', protocols })).toEqual({ status: 403 });
    expect(await connect({ protocols })).toEqual({ status: 403 });
  });

  it('speaks the contract to its own page with the secret: commands answered, events pushed', async () => {
    const opened = await connect({ origin: host.origin, protocols: ['pilot-contract.v1', `secret.${secret}`] });
    if (!('ws' in opened)) throw new Error(`refused with ${opened.status}`);
    const { ws } = opened;
    expect(ws.protocol).toBe('pilot-contract.v1');
    const messages: unknown[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
    ws.send(JSON.stringify({ id: 7, command: 'calls.list', request: {} }));
    events.emit('log.changed', { id: 'call_1' } as never);
    await expect.poll(() => messages.length).toBe(2);
    expect(messages).toContainEqual({ id: 7, result: { ok: true, value: { name: 'calls.list', request: {} } } satisfies Result<unknown> });
    expect(messages).toContainEqual({ event: 'log.changed', payload: { id: 'call_1' } });
    ws.close();
  });
});

describe('browser host under a hostile or broken contract socket', () => {
  it('closes a socket that sends a frame over the size limit, alone: the host and other windows carry on', async () => {
    const protocols = ['pilot-contract.v1', `secret.${secret}`];
    const bystander = await connect({ origin: host.origin, protocols });
    const offender = await connect({ origin: host.origin, protocols });
    if (!('ws' in bystander) || !('ws' in offender)) throw new Error('refused');
    const closed = new Promise<number>((resolve) => offender.ws.on('close', (code) => resolve(code)));
    offender.ws.on('error', () => undefined);
    offender.ws.send(Buffer.alloc(maxContractFrameBytes + 1, 0x20));
    expect(await closed).toBe(1009);
    // The host still serves pages and answers the other window.
    expect((await fetch(`${host.origin}/`)).status).toBe(200);
    const answer = new Promise<unknown>((resolve) => bystander.ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    bystander.ws.send(JSON.stringify({ id: 1, command: 'calls.list', request: {} }));
    expect(await answer).toMatchObject({ id: 1, result: { ok: true } });
    bystander.ws.close();
  });
});
