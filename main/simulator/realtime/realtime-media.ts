import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CallMedia, type CustomerVoice, type RealtimeLinkConfig } from './call-media';
import { RealtimeTokens, type RealtimeMode } from './realtime-tokens';

export type { CustomerVoice, RealtimeLinkConfig } from './call-media';

/** What the realtime side needs to know about a call. */
export interface RealtimeCallInfo {
  numberId: string;
  /** Connected and not ended: sessions may open. */
  live: boolean;
}

const pathPattern = /^\/call\/media\/realtime\/ws\/([^/]+)\/([^/]+)$/;

export const defaultRealtimeConfig: RealtimeLinkConfig = { sampleRate: 16_000, frameMs: 20, jitterMs: 10, lossRate: 0 };

/**
 * The realtime PCM16 side of the simulator (contract §6): issues single-use
 * tokens for `POST /v1/calls/{id}/realtime-session`, accepts the WebSocket
 * that presents one (once, within its TTL), and runs each call's
 * {@link CallMedia}. Tests reach in here to shape the link (rate, frame
 * length, jitter, loss), choose what the customer says, cut sockets and read
 * what the customer heard.
 */
export class RealtimeMedia {
  readonly tokens = new RealtimeTokens();
  config: RealtimeLinkConfig = { ...defaultRealtimeConfig };
  /** What a new call's customer says. */
  defaultVoice: CustomerVoice = { kind: 'silence' };
  private readonly calls = new Map<string, CallMedia>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  constructor(
    private readonly lookup: (callId: string) => RealtimeCallInfo | undefined,
    private readonly fetchImpl?: typeof fetch,
  ) {}

  configure(patch: Partial<RealtimeLinkConfig>): RealtimeLinkConfig {
    this.config = { ...this.config, ...patch };
    return this.config;
  }

  /** The media of a call (created on first use). */
  media(callId: string): CallMedia {
    let media = this.calls.get(callId);
    if (!media) {
      media = new CallMedia(callId, () => this.config, this.defaultVoice, this.fetchImpl);
      this.calls.set(callId, media);
    }
    return media;
  }

  existing(callId: string): CallMedia | undefined {
    return this.calls.get(callId);
  }

  /** A new session for `POST /v1/calls/{id}/realtime-session`. `host` is the API's own host:port. */
  newSession(host: string, numberId: string, callId: string, mode: RealtimeMode): { wsUrl: string; token: string; expiresInSeconds: number } {
    const { token } = this.tokens.issue(callId, mode);
    const wsUrl = `ws://${host}/call/media/realtime/ws/${encodeURIComponent(numberId)}/${encodeURIComponent(callId)}?token=${encodeURIComponent(token)}`;
    return { wsUrl, token, expiresInSeconds: this.tokens.ttlSeconds };
  }

  callConnected(callId: string): void {
    this.media(callId).start();
  }

  callEnded(callId: string): void {
    this.calls.get(callId)?.stop();
  }

  /** Handles an HTTP upgrade on the simulator's server; returns false when the path is not ours. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = pathPattern.exec(url.pathname);
    if (!match) return false;
    const numberId = decodeURIComponent(match[1]!);
    const callId = decodeURIComponent(match[2]!);
    const token = url.searchParams.get('token') ?? '';
    const call = this.lookup(callId);
    const verdict = call && call.numberId === numberId ? this.tokens.redeem(token, callId, call.live) : this.tokens.redeem(token, `${numberId}/${callId}`, false);
    if (!verdict.ok) {
      const body = JSON.stringify({ code: `REALTIME_TOKEN_${verdict.reason.toUpperCase().replace('-', '_')}`, message: `Realtime token refused: ${verdict.reason}` });
      socket.end(`HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return true;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.media(callId).attach(ws, verdict.issued.mode, token));
    return true;
  }

  close(): void {
    for (const media of this.calls.values()) media.stop();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}
