import WebSocket from 'ws';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logging/logger';
import { PilotApiError } from '../pilot/pilot-error';
import {
  teamCloseCodes,
  teamSocketPath,
  teamSocketProtocol,
  type AgentStatus,
  type ServerMessage,
  type TeamAction,
  type TeamActionArgs,
  type TeamError,
} from './protocol';

/** `connecting`: no welcome yet; `ok`: welcomed, events flow; `unreachable`: retrying; `unauthorized`: the token was refused (not retried). */
export type TeamLinkState = 'connecting' | 'ok' | 'unreachable' | 'unauthorized';

type Welcome = Extract<ServerMessage, { type: 'welcome' }>;
type Snapshot = Extract<ServerMessage, { type: 'snapshot' }>;
type EventMessage = Extract<ServerMessage, { type: 'event' }>;
type FeedMessage = Extract<ServerMessage, { type: 'team' }>;

export interface TeamConnectionOptions {
  /** The team server's addresses (`https://…` or `wss://…`); tried in turn, e.g. one per instance or one behind a balancer. */
  urls: readonly string[];
  /** The agent token, read when connecting (from the keychain: never kept here). */
  token: () => Promise<string | null>;
  clock: Clock;
  logger: Logger;
  /** The presence to announce on (re)connecting. */
  status: () => AgentStatus;
  onWelcome: (welcome: Welcome) => void;
  onSnapshot: (snapshot: Snapshot) => void;
  onEvent: (message: EventMessage) => void;
  onFeed?: (feed: FeedMessage['feed']) => void;
  onState: (state: TeamLinkState, error?: TeamError) => void;
  requestTimeoutMs?: number;
  /** Longest wait between reconnection attempts. */
  maxBackoffMs?: number;
  /** Extra TLS options for the socket (a company CA, say). */
  tls?: Pick<WebSocket.ClientOptions, 'ca' | 'rejectUnauthorized'>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: TimerHandle;
}

/** A silent server for this long (no message, no ping) is presumed gone. */
const silenceMs = 45_000;

const socketUrl = (base: string): string => {
  const url = new URL(base);
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  url.pathname = teamSocketPath;
  return url.toString();
};

/** An error from the team server (or from not reaching it) as the call service reads Pilot Status errors. */
export const teamFailure = (error: TeamError): PilotApiError => {
  const details = error.details ?? {};
  const extra = Object.fromEntries(Object.entries(details).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
  const retryAfter = typeof details.retryAfterMs === 'number' ? details.retryAfterMs : undefined;
  return new PilotApiError('http', error.code, error.message, error.status, retryAfter, extra);
};

/**
 * The app's socket to the team server: connects with the agent token,
 * resumes from the last stream id it received (so across reconnections and
 * server instances no event is missed or repeated), carries requests and
 * their answers, and reconnects with backoff, trying each address in turn.
 * A refused token stops it until {@link reconnectNow} (a new token).
 */
export class TeamConnection {
  private ws: WebSocket | null = null;
  private stateValue: TeamLinkState = 'connecting';
  private lastIdValue: string | undefined;
  private attempt = 0;
  private urlIndex = 0;
  private stopped = true;
  private retryTimer: TimerHandle | null = null;
  private silenceTimer: TimerHandle | null = null;
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: TeamConnectionOptions) {
    if (options.urls.length === 0) throw new Error('a team line needs at least one team server address');
  }

  get state(): TeamLinkState {
    return this.stateValue;
  }

  /** The id of the last stream entry received; where the next connection resumes. */
  get lastId(): string | undefined {
    return this.lastIdValue;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.ws?.close(1000, 'line closed');
    this.ws = null;
    this.failPending('The team line was closed');
  }

  /** Connects again at once (the token changed, the machine woke up). */
  reconnectNow(): void {
    if (this.stopped) return;
    this.attempt = 0;
    this.ws?.terminate();
    this.ws = null;
    if (this.retryTimer) this.options.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.connect();
  }

  /** Sends a request; fails at once when the server is not connected (the caller decides whether to retry). */
  request<T = unknown, A extends TeamAction = TeamAction>(action: A, args: TeamActionArgs<A>): Promise<T> {
    const ws = this.ws;
    if (this.stateValue !== 'ok' || !ws || ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new PilotApiError('network', 'TEAM_SERVER_UNREACHABLE', 'The team server is not connected'));
    }
    const requestId = this.nextRequestId++;
    return new Promise<T>((resolve, reject) => {
      const timeoutMs = this.options.requestTimeoutMs ?? 15_000;
      const timer = this.options.clock.setTimeout(() => {
        this.pending.delete(requestId);
        reject(new PilotApiError('timeout', 'TIMEOUT', `No answer from the team server within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(requestId, { resolve: resolve as (value: unknown) => void, reject, timer });
      ws.send(JSON.stringify({ type: 'request', requestId, action, args }));
    });
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setState(this.attempt === 0 && this.stateValue !== 'unreachable' ? 'connecting' : 'unreachable');
    let token: string | null;
    try {
      token = await this.options.token();
    } catch (error) {
      this.options.logger.warn({ code: (error as { code?: string }).code }, 'team token could not be read');
      return this.retryLater();
    }
    if (this.stopped) return;
    if (!token) return this.setState('unauthorized', { code: 'TEAM_TOKEN_MISSING', message: 'No agent token is stored for this team line' });
    const url = socketUrl(this.options.urls[this.urlIndex % this.options.urls.length]!);
    const ws = new WebSocket(url, teamSocketProtocol, { headers: { authorization: `Bearer ${token}` }, handshakeTimeout: 10_000, ...this.options.tls });
    this.ws = ws;
    let refused = false;
    ws.on('unexpected-response', (_request, response) => {
      refused = response.statusCode === 401;
      this.options.logger.warn({ status: response.statusCode, url }, 'team server refused the connection');
      ws.terminate();
    });
    ws.on('open', () => {
      this.heard();
      ws.send(JSON.stringify({ type: 'hello', ...(this.lastIdValue ? { after: this.lastIdValue } : {}), status: this.options.status() }));
    });
    ws.on('ping', () => this.heard());
    ws.on('message', (data) => {
      this.heard();
      this.onMessage(data.toString());
    });
    ws.on('error', (error) => this.options.logger.debug({ err: error, url }, 'team socket error'));
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.clearSilence();
      this.failPending('The connection to the team server was lost');
      if (this.stopped) return;
      if (refused || code === teamCloseCodes.unauthorized) {
        this.setState('unauthorized', { code: 'TEAM_TOKEN_REFUSED', message: 'The team server refused this agent token (revoked or unknown)', status: 401 });
        return;
      }
      this.urlIndex += 1;
      // A server restarting says so: go to the next address at once.
      if (code === teamCloseCodes.restart) this.attempt = 0;
      this.retryLater();
    });
  }

  private onMessage(text: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      this.options.logger.warn('team server sent a message that is not JSON');
      return;
    }
    switch (message.type) {
      case 'welcome':
        this.attempt = 0;
        this.options.onWelcome(message);
        this.setState('ok');
        return;
      case 'snapshot':
        this.options.onSnapshot(message);
        this.lastIdValue = message.cursor;
        return;
      case 'event':
        this.options.onEvent(message);
        this.lastIdValue = message.id;
        return;
      case 'team':
        this.options.onFeed?.(message.feed);
        return;
      case 'response': {
        const pending = this.pending.get(message.requestId);
        if (!pending) return;
        this.pending.delete(message.requestId);
        this.options.clock.clearTimeout(pending.timer);
        if (message.ok) pending.resolve(message.value);
        else pending.reject(teamFailure(message.error));
        return;
      }
      default:
        this.options.logger.info({ type: (message as { type?: unknown }).type }, 'team server message not understood; ignored');
    }
  }

  private retryLater(): void {
    if (this.stopped) return;
    const base = this.attempt === 0 ? 0 : Math.min(this.options.maxBackoffMs ?? 5000, 250 * 2 ** (this.attempt - 1));
    this.attempt += 1;
    const delay = base * (0.8 + Math.random() * 0.4);
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private heard(): void {
    this.clearSilence();
    this.silenceTimer = this.options.clock.setTimeout(() => {
      this.options.logger.warn('team server silent; reconnecting');
      this.ws?.terminate();
    }, silenceMs);
  }

  private setState(state: TeamLinkState, error?: TeamError): void {
    if (state === this.stateValue && !error) return;
    this.stateValue = state;
    this.options.onState(state, error);
  }

  private failPending(message: string): void {
    for (const [id, pending] of this.pending) {
      this.options.clock.clearTimeout(pending.timer);
      pending.reject(new PilotApiError('network', 'TEAM_SERVER_UNREACHABLE', message));
      this.pending.delete(id);
    }
  }

  private clearSilence(): void {
    if (this.silenceTimer) this.options.clock.clearTimeout(this.silenceTimer);
    this.silenceTimer = null;
  }

  private clearTimers(): void {
    this.clearSilence();
    if (this.retryTimer) this.options.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
