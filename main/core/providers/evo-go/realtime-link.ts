import WebSocket from 'ws';
import type { Clock, TimerHandle } from '../../clock';
import type { Logger } from '../../logging/logger';
import type { PilotClient, RealtimeSession } from '../../pilot/pilot-client';
import { PilotApiError } from '../../pilot/pilot-error';

export type RealtimeMode = 'talk' | 'listen';

/** `connecting`: first session; `live`: socket open; `reconnecting`: replacing a dropped one; `ended`: stopped for good. */
export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'ended';

export interface RealtimeLinkOptions {
  callId: string;
  mode: RealtimeMode;
  client: Pick<PilotClient, 'realtimeSession'>;
  clock: Clock;
  logger: Logger;
  /** A binary frame came in, exactly as the server sent it. */
  onAudio: (pcm: Buffer, receivedAt: number) => void;
  onState: (state: LinkState) => void;
  /** Audio resumed after a drop; `gapMs` from the drop to the new socket opening. */
  onGap?: (gapMs: number) => void;
  /** Longest wait between attempts to get a new session. */
  maxBackoffMs?: number;
}

/** Close codes ws and RFC 6455 name; anything else is logged as unknown. */
const knownCloseCodes: Record<number, string> = {
  1000: 'normal',
  1001: 'going away',
  1005: 'no status',
  1006: 'abnormal (connection lost)',
  1008: 'policy violation',
  1009: 'message too big',
  1011: 'server error',
  1012: 'service restart',
  1013: 'try again later',
};

/** Answers that mean the call is over: asking again will not help. */
const callGone = (error: unknown): boolean =>
  error instanceof PilotApiError && (error.status === 404 || /ALREADY_ENDED|NOT_FOUND|CALL_ENDED/.test(error.code));

/** The token of a session: the `token` field, else the `token` query parameter of the URL. */
const tokenOf = (session: RealtimeSession): string => {
  if (session.token) return session.token;
  try {
    return new URL(session.wsUrl).searchParams.get('token') ?? session.wsUrl;
  } catch {
    return session.wsUrl;
  }
};

/**
 * One call's realtime PCM16 socket (contract §6), kept alive for as long as
 * the call needs audio. Tokens are single use: every connection, first or
 * after a drop, starts with a fresh `POST .../realtime-session`, and a token
 * is never presented twice (a server handing one out again is refused here).
 * A drop is replaced at once; text frames and close codes nobody documents
 * are logged, never fatal. The wsUrl and token are never logged.
 */
export class RealtimeLink {
  private socket: WebSocket | null = null;
  private stopped = false;
  private attempt = 0;
  private retryTimer: TimerHandle | null = null;
  private droppedAt: number | null = null;
  private readonly presented = new Set<string>();
  private state: LinkState | null = null;
  readonly stats = { sessions: 0, framesIn: 0, framesOut: 0, outDropped: 0, textFrames: 0, gaps: 0, gapMsTotal: 0 };

  constructor(private readonly options: RealtimeLinkOptions) {}

  start(): void {
    this.setState('connecting');
    void this.connect();
  }

  /** Sends one outbound frame; false (and counted) when no socket is open or it is backed up. */
  send(frame: Buffer, maxBufferedBytes: number): boolean {
    const ws = this.socket;
    if (!ws || ws.readyState !== WebSocket.OPEN || ws.bufferedAmount > maxBufferedBytes) {
      this.stats.outDropped++;
      return false;
    }
    ws.send(frame, { binary: true });
    this.stats.framesOut++;
    return true;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.retryTimer) this.options.clock.clearTimeout(this.retryTimer);
    const ws = this.socket;
    this.socket = null;
    if (ws && (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)) ws.close(1000, 'call ended');
    this.setState('ended');
  }

  private setState(state: LinkState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onState(state);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const { callId, mode, logger } = this.options;
    let session: RealtimeSession;
    try {
      session = await this.options.client.realtimeSession(callId, mode);
    } catch (error) {
      if (callGone(error)) {
        logger.info({ callId, code: (error as PilotApiError).code }, 'realtime session refused: the call is over');
        this.stop();
        return;
      }
      logger.warn({ callId, code: (error as PilotApiError).code ?? 'UNKNOWN', attempt: this.attempt }, 'realtime session request failed; retrying');
      this.retry();
      return;
    }
    if (this.stopped) return;
    const token = tokenOf(session);
    if (this.presented.has(token)) {
      logger.error({ callId }, 'realtime session came back with a token already used; not presenting it again');
      this.retry();
      return;
    }
    this.presented.add(token);
    this.stats.sessions++;
    this.open(session.wsUrl);
  }

  private open(wsUrl: string): void {
    const { callId, logger, clock } = this.options;
    let host = '';
    try {
      host = new URL(wsUrl).host;
    } catch {
      logger.error({ callId }, 'realtime session wsUrl is not a URL');
      this.retry();
      return;
    }
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false, handshakeTimeout: 5000 });
    this.socket = ws;
    let failed = false;
    let openedAt: number | null = null;
    ws.on('open', () => {
      if (this.stopped) return ws.close(1000, 'call ended');
      openedAt = clock.now();
      if (this.droppedAt !== null) {
        const gapMs = Math.round(clock.now() - this.droppedAt);
        this.stats.gaps++;
        this.stats.gapMsTotal += gapMs;
        logger.warn({ callId, gapMs, sessions: this.stats.sessions }, 'realtime audio resumed after a gap');
        this.options.onGap?.(gapMs);
        this.droppedAt = null;
      } else {
        logger.info({ callId, host, mode: this.options.mode }, 'realtime socket open');
      }
      this.setState('live');
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.stats.framesIn++;
        this.options.onAudio(data as Buffer, clock.now());
        return;
      }
      this.stats.textFrames++;
      const text = String(data);
      logger.info({ callId, length: text.length, text: text.slice(0, 200) }, 'realtime text frame (undocumented; ignored)');
    });
    ws.on('unexpected-response', (_request, response) => {
      failed = true;
      logger.warn({ callId, status: response.statusCode }, 'realtime socket refused by the server');
      ws.terminate();
    });
    ws.on('error', (error) => {
      failed = true;
      logger.warn({ callId, err: { message: error.message } }, 'realtime socket error');
    });
    ws.on('close', (code, reason) => {
      if (this.socket !== ws) return;
      this.socket = null;
      if (this.stopped) return;
      const name = knownCloseCodes[code];
      const fields = { callId, code, reason: reason.toString().slice(0, 200), meaning: name ?? 'unknown close code' };
      if (name) logger.warn(fields, 'realtime socket closed; replacing it');
      else logger.warn(fields, 'realtime socket closed with an unknown code; replacing it');
      this.droppedAt ??= clock.now();
      this.setState('reconnecting');
      // A socket that lived a while is replaced at once; one that keeps failing or closing right away backs off.
      if (!failed && openedAt !== null && clock.now() - openedAt >= 1000) {
        this.attempt = 0;
        void this.connect();
      } else {
        this.retry();
      }
    });
  }

  /** Tries again: at once the first time, then backing off (100, 200, 400 ms ...) up to `maxBackoffMs`. */
  private retry(): void {
    if (this.stopped) return;
    if (this.state === 'live') this.setState('reconnecting');
    const delay = this.attempt === 0 ? 0 : Math.min(this.options.maxBackoffMs ?? 2000, 100 * 2 ** (this.attempt - 1));
    this.attempt++;
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }
}
