import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { mediaChannelClose, mediaSocketPath, mediaSocketProtocol } from '../../preload/contract';
import type { Logger } from '../core/logging/logger';
import type { WebMediaService } from '../core/providers/evo-go/web-media-service';
import { verifyUpgrade } from './socket-auth';

/** A renderer frame: a 20 ms PCM16 frame at 48 kHz is under 2 kB; allow a generous margin, no more. */
const maxFrameBytes = 64 * 1024;

/**
 * The browser host's per-call binary audio channel (`/media?call=<id>`):
 * a WebSocket guarded exactly like the contract socket (this launch's
 * secret, the host's own Origin), carrying only binary frames between the
 * renderer's worklets and the call's realtime session.
 */
export const createMediaSocket = (options: { media: Pick<WebMediaService, 'attachRenderer'>; logger: Logger }) => {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxFrameBytes,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(mediaSocketProtocol) ? mediaSocketProtocol : false),
  });

  return {
    /** Takes the upgrade if it is for the media path; false when it is not. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, expected: { origin: string; secret: string }): boolean {
      const url = new URL(request.url ?? '/', expected.origin);
      if (url.pathname !== mediaSocketPath) return false;
      const verdict = verifyUpgrade(request, { ...expected, protocol: mediaSocketProtocol });
      const callId = url.searchParams.get('call');
      if (!verdict.ok || !callId) {
        options.logger.warn({ reason: verdict.ok ? 'no call id' : verdict.reason }, 'media socket refused');
        socket.end(`HTTP/1.1 ${verdict.ok ? 400 : verdict.status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return true;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        const attachment = options.media.attachRenderer(callId, {
          send: (frame) => {
            if (ws.readyState === ws.OPEN) ws.send(frame, { binary: true });
          },
          close: (code, reason) => ws.close(code, reason),
        });
        if (!attachment) {
          ws.close(mediaChannelClose.noAudio, 'no audio for this call');
          return;
        }
        ws.on('message', (data, isBinary) => {
          if (isBinary) attachment.receive(data as Buffer);
        });
        ws.on('close', () => attachment.detach());
        ws.on('error', () => {});
      });
      return true;
    },
    close(): void {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
};
