import WebSocket from 'ws';
import type { AppError } from '../../../../preload/contract';
import { isLoopbackHost } from '../../../../preload/contract/pilot-address';
import type { Clock, TimerHandle } from '../../clock';
import type { Logger } from '../../logging/logger';
import type { PilotClient, RealtimeSession } from '../../pilot/pilot-client';
import { PilotApiError } from '../../pilot/pilot-error';

export type RealtimeMode = 'talk' | 'listen';

/**
 * `connecting`: first session; `live`: socket open; `reconnecting`: replacing a dropped one; `failing`: fresh
 * sessions keep failing (see {@link RealtimeLink.problem}), still trying; `ended`: stopped for good.
 */
export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'failing' | 'ended';

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

/** Failed attempts in a row (no socket that lived a second) before the agent is told audio is failing. */
const failingAfterAttempts = 3;
/**
 * Largest inbound frame taken (ws's default is 100 MiB): a 60 ms PCM16 frame at 48 kHz is under 6 KiB, so
 * 256 KiB is generous for any rate and frame length the contract leaves open.
 */
export const maxRealtimeFrameBytes = 256 * 1024;

/** Where a realtime socket may go: `wss:`, or `ws:` to this machine (the simulator, a local relay). */
const socketAllowed = (url: URL): boolean => url.protocol === 'wss:' || (url.protocol === 'ws:' && isLoopbackHost(url.hostname));

/**
 * One call's realtime PCM16 socket (contract §6), kept alive for as long as
 * the call needs audio. Sessions are single use: every connection, first or
 * after a drop, starts with a fresh `POST .../realtime-session` and connects
 * to its `wsUrl` exactly as returned. A session is identified by that wsUrl
 * (the contract promises nothing about the `token` field): a fresh one is
 * always tried, one already presented never again. Only `wss:` (or `ws:` to
 * this machine) is opened, and inbound frames are capped. A drop is replaced
 * at once; when fresh sessions keep failing the state turns `failing` with
 * the reason in {@link problem}, and the link keeps trying for as long as the
 * call lasts: it never ends the call. Text frames and close codes nobody
 * documents are logged, never fatal. The wsUrl and token are never logged.
 */
export class RealtimeLink {
  private socket: WebSocket | null = null;
  private stopped = false;
  private attempt = 0;
  private retryTimer: TimerHandle | null = null;
  private droppedAt: number | null = null;
  private readonly presented = new Set<string>();
  private state: LinkState | null = null;
  private lastProblem: AppError | null = null;
  readonly stats = { sessions: 0, framesIn: 0, framesOut: 0, outDropped: 0, textFrames: 0, gaps: 0, gapMsTotal: 0 };

  constructor(private readonly options: RealtimeLinkOptions) {}

  /** Why audio is not flowing while the state is `failing` (or the last attempt failed); null once a socket opens. */
  get problem(): AppError | null {
    return this.lastProblem;
  }

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
      const code = error instanceof PilotApiError ? error.code : 'INTERNAL';
      logger.warn({ callId, code, attempt: this.attempt }, 'realtime session request failed; retrying');
      this.retry(error instanceof PilotApiError ? error.toAppError() : { code, message: (error as Error).message });
      return;
    }
    if (this.stopped) return;
    if (this.presented.has(session.wsUrl)) {
      logger.error({ callId }, 'realtime session came back with a wsUrl already used; not presenting it again');
      this.retry({ code: 'REALTIME_SESSION_REPEATED', message: 'Pilot Status handed out a realtime session already used' });
      return;
    }
    this.presented.add(session.wsUrl);
    this.stats.sessions++;
    this.open(session.wsUrl);
  }

  private open(wsUrl: string): void {
    const { callId, logger, clock } = this.options;
    let url: URL;
    try {
      url = new URL(wsUrl);
    } catch {
      logger.error({ callId }, 'realtime session wsUrl is not a URL');
      this.retry({ code: 'REALTIME_URL_REFUSED', message: 'The realtime session address is not a URL' });
      return;
    }
    const { host } = url;
    if (!socketAllowed(url)) {
      logger.error({ callId, scheme: url.protocol, host }, 'realtime session wsUrl is neither wss: nor ws: to this machine; not opened');
      this.retry({ code: 'REALTIME_URL_REFUSED', message: `The realtime session address uses ${url.protocol} to ${host}; only wss: is opened` });
      return;
    }
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false, handshakeTimeout: 5000, maxPayload: maxRealtimeFrameBytes });
    this.socket = ws;
    let openedAt: number | null = null;
    ws.on('open', () => {
      if (this.stopped) return ws.close(1000, 'call ended');
      openedAt = clock.now();
      this.lastProblem = null;
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
      const status = response.statusCode ?? 0;
      this.lastProblem = { code: 'REALTIME_SOCKET_REFUSED', message: `The realtime server refused the socket (HTTP ${status})`, details: { status } };
      logger.warn({ callId, status }, 'realtime socket refused by the server');
      ws.terminate();
    });
    ws.on('error', (error) => {
      const code = (error as { code?: string }).code;
      this.lastProblem ??= { code: 'REALTIME_SOCKET_FAILED', message: `The realtime socket failed: ${code ?? error.message}` };
      logger.warn({ callId, err: { message: error.message, code } }, 'realtime socket error');
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
      if (this.state !== 'failing') this.setState('reconnecting');
      // A socket that lived a while is replaced at once, however it ended (a reset comes as an error, then a close);
      // one that keeps failing or closing right away backs off.
      if (openedAt !== null && clock.now() - openedAt >= 1000) {
        this.attempt = 0;
        void this.connect();
      } else {
        this.retry(this.lastProblem ?? { code: 'REALTIME_SOCKET_CLOSED', message: `The realtime socket closed at once (${code})`, details: { closeCode: code } });
      }
    });
  }

  /**
   * Tries again: at once the first time, then backing off (100, 200, 400 ms ...) up to `maxBackoffMs`. After
   * {@link failingAfterAttempts} failures in a row the agent is told why (`failing`), and the attempts go on.
   */
  private retry(problem: AppError): void {
    if (this.stopped) return;
    this.lastProblem = problem;
    if (this.state === 'live') this.setState('reconnecting');
    if (this.attempt + 1 >= failingAfterAttempts) this.setState('failing');
    const delay = this.attempt === 0 ? 0 : Math.min(this.options.maxBackoffMs ?? 2000, 100 * 2 ** (this.attempt - 1));
    this.attempt++;
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }
}
