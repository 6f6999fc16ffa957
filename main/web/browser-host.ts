import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { launchCodeHeader, launchSessionPath, maxContractFrameBytes, socketProtocol, type ClientFrame, type Locale, type ServerFrame } from '../../preload/contract';
import type { Dispatch } from '../core/commands/dispatcher';
import type { Logger } from '../core/logging/logger';
import { contentSecurityPolicy } from '../runtime/csp';
import type { EventHub } from '../runtime/event-hub';
import type { WebMediaService } from '../core/providers/evo-go/web-media-service';
import { LaunchCodes } from './launch-codes';
import { createMediaSocket } from './media-socket';
import { verifyUpgrade } from './socket-auth';

export interface BrowserHostOptions {
  dispatch: Dispatch;
  events: EventHub;
  logger: Logger;
  /** The built renderer (`dist/renderer`). */
  rendererDir: string;
  /** 0 picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Web-number call audio, reached through the per-call binary socket. */
  media?: Pick<WebMediaService, 'attachRenderer'>;
  /** The agent's language, named in each window address: the window loads its messages beside its own code. */
  locale?: () => Locale;
}

export interface BrowserHost {
  origin: string;
  /**
   * A new address to open a window at: it carries a one-time code (in the fragment, never sent to a server)
   * that the window exchanges once for the session secret. Nothing in it is of use after that.
   */
  windowUrl(): string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** A contacts import (a file in base64) is the largest frame; the socket is loopback-only and authenticated. */
const maxFrameBytes = maxContractFrameBytes;

/**
 * The browser host: serves the built renderer and speaks the contract over a
 * WebSocket, both on 127.0.0.1 only. The socket is guarded by a per-launch
 * secret and an exact Origin check; HTTP requests must name the host's own
 * address (no DNS rebinding).
 */
export const startBrowserHost = async (options: BrowserHostOptions): Promise<BrowserHost> => {
  const secret = randomBytes(32).toString('base64url');
  const launchCodes = new LaunchCodes();
  const root = resolve(options.rendererDir);
  const sockets = new Set<WebSocket>();
  let origin = '';

  const serveFile = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', origin);
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = resolve(join(root, relative));
    if (!file.startsWith(root + sep)) {
      response.writeHead(404).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'content-security-policy': contentSecurityPolicy([origin.replace(/^http/, 'ws')]),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'permissions-policy': 'microphone=(self), camera=(), geolocation=()',
      'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=31536000, immutable',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };

  /**
   * `POST /session` with `x-pilot-launch-code`: the window's one exchange of its code for the session secret.
   * Only from the host's own page (exact Origin); the code is dead afterwards, whatever the answer.
   */
  const redeemLaunchCode = (request: IncomingMessage, response: ServerResponse): void => {
    const headers = { 'cache-control': 'no-store', 'content-type': 'application/json' };
    if (request.headers.origin !== origin) {
      options.logger.warn({ origin: request.headers.origin ?? '(none)' }, 'launch code refused: foreign origin');
      response.writeHead(403, headers).end('{"code":"FOREIGN_ORIGIN"}');
      return;
    }
    const code = request.headers[launchCodeHeader];
    if (typeof code !== 'string' || !launchCodes.redeem(code)) {
      options.logger.warn('launch code refused: unknown, used or lapsed');
      response.writeHead(401, headers).end('{"code":"LAUNCH_CODE_USED"}');
      return;
    }
    response.writeHead(200, headers).end(JSON.stringify({ secret }));
  };

  const server = createServer((request, response) => {
    if (request.headers.host === new URL(origin).host && request.method === 'POST' && request.url === launchSessionPath) {
      request.resume();
      redeemLaunchCode(request, response);
      return;
    }
    if (request.headers.host !== new URL(origin).host || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(request.method === 'GET' || request.method === 'HEAD' ? 421 : 405).end();
      return;
    }
    serveFile(request, response).catch((error: unknown) => {
      options.logger.error({ err: error }, 'static file failed');
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxFrameBytes,
    handleProtocols: (protocols) => (protocols.has(socketProtocol) ? socketProtocol : false),
  });

  const mediaSocket = options.media ? createMediaSocket({ media: options.media, logger: options.logger }) : null;

  server.on('upgrade', (request, socket, head) => {
    // Node hands an upgrading socket over without its error listener: a reset during the handshake or a refusal
    // must not end the process.
    socket.on('error', (error) => options.logger.warn({ err: { message: error.message } }, 'socket failed during upgrade'));
    if (mediaSocket?.handleUpgrade(request, socket, head, { origin, secret })) return;
    const verdict = new URL(request.url ?? '/', origin).pathname === '/contract' ? verifyUpgrade(request, { origin, secret }) : ({ ok: false, status: 403, reason: 'unknown path' } as const);
    if (!verdict.ok) {
      options.logger.warn({ reason: verdict.reason }, 'contract socket refused');
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => attach(ws));
  });

  /** The most recently connected window (a Set keeps insertion order). */
  const newest = (): WebSocket | undefined => [...sockets].at(-1);

  const send = (ws: WebSocket, frame: ServerFrame): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const attach = (ws: WebSocket): void => {
    sockets.add(ws);
    // A call's media (WebRTC for Meta numbers) is made by one window: the newest, as for web-number audio, which a
    // newer window's channel takes over. Two windows answering the same media.prepare would race for the call.
    const unsubscribe = options.events.subscribe((event, payload) => {
      if (event.startsWith('media.') && ws !== newest()) return;
      send(ws, { event, payload });
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let frame: ClientFrame;
      try {
        frame = JSON.parse(data.toString()) as ClientFrame;
      } catch {
        options.logger.warn('contract frame was not JSON; ignored');
        return;
      }
      if (typeof frame?.id !== 'number' || typeof frame.command !== 'string') return;
      void options.dispatch(frame.command, frame.request).then((result) => send(ws, { id: frame.id, result }));
    });
    // A frame over the limit, a bad frame or a broken connection ends this socket alone (ws closes it after the
    // error); without a listener the error would end the process and every call with it.
    ws.on('error', (error) => options.logger.warn({ err: { message: error.message, code: (error as { code?: string }).code } }, 'contract socket failed; closed'));
    ws.on('close', () => {
      unsubscribe();
      sockets.delete(ws);
    });
  };

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    windowUrl: () => `${origin}/#${options.locale ? `lang=${options.locale()}&` : ''}code=${launchCodes.issue()}`,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      mediaSocket?.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
};
