import { isSecureOrLoopback, normalizePilotAddress } from '../../../preload/contract/pilot-address';
import { parseCallList, pilotCallSchema, type PilotCall } from './call-schema';
import { PilotApiError, httpError, parseRetryAfter } from './pilot-error';

export interface PilotClientOptions {
  /** e.g. `https://pilotstatus.com.br`; paths under `/v1` are appended. */
  baseUrl: string;
  /** Read the key only when a request needs it, so it is never stored on the client. */
  apiKey: () => Promise<string>;
  /** Per-request limit; a hung server must not freeze polling. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Largest answer read; anything bigger is a `RESPONSE_TOO_LARGE` error. */
  maxResponseBytes?: number;
}

/**
 * Largest answer the client reads: a page of 100 calls is a few tens of KiB,
 * a call with its SDP a few KiB; 4 MiB leaves room for surprises and none for
 * an answer that would fill memory.
 */
export const maxResponseBytes = 4 * 1024 * 1024;

export interface ListCallsQuery {
  limit?: number;
  /** ISO-8601 cursor: only calls created before it. */
  before?: string;
}

export interface CreateCallRequest {
  to: string;
  sdp?: string;
  sdpType?: 'offer';
  bizOpaqueCallbackData?: string;
}

export interface CreatedCall {
  id: string;
  externalCallId?: string | null;
  status: string;
}

export interface RealtimeSession {
  wsUrl: string;
  token?: string;
  expiresInSeconds?: number;
}

/**
 * HTTP client for the `/v1/calls*` endpoints (contract §3). Every failure is a
 * {@link PilotApiError}; nothing here retries, the caller decides.
 */
export class PilotClient {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly maxResponseBytes: number;

  constructor(private readonly options: PilotClientOptions) {
    this.base = normalizePilotAddress(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? 8000;
    this.maxResponseBytes = options.maxResponseBytes ?? maxResponseBytes;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async listCalls(query: ListCallsQuery = {}): Promise<{ calls: PilotCall[]; rejected: unknown[] }> {
    const params = new URLSearchParams();
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.before) params.set('before', query.before);
    const body = await this.request('GET', `/v1/calls${params.size ? `?${params}` : ''}`);
    const parsed = parseCallList(body);
    if (!parsed) throw new PilotApiError('malformed', 'MALFORMED_RESPONSE', 'The call list had no "calls" array');
    return parsed;
  }

  async getCall(callId: string, options: { includeSdp?: boolean } = {}): Promise<PilotCall> {
    const body = await this.request('GET', `/v1/calls/${encodeURIComponent(callId)}${options.includeSdp ? '?includeSdp=1' : ''}`);
    const parsed = pilotCallSchema.safeParse(body);
    if (!parsed.success) throw new PilotApiError('malformed', 'MALFORMED_RESPONSE', 'The call object had no id or status');
    return parsed.data;
  }

  async createCall(request: CreateCallRequest): Promise<CreatedCall> {
    const body = await this.request('POST', '/v1/calls', request);
    const record = body as Partial<CreatedCall> | null;
    if (!record || typeof record.id !== 'string') {
      throw new PilotApiError('malformed', 'MALFORMED_RESPONSE', 'The created call had no id');
    }
    return { id: record.id, externalCallId: record.externalCallId ?? null, status: String(record.status ?? 'INITIATED') };
  }

  preAccept(callId: string, sdp: string): Promise<unknown> {
    return this.request('POST', `/v1/calls/${encodeURIComponent(callId)}/pre-accept`, { sdp, sdpType: 'answer' });
  }

  /** META sends the answer SDP; EVO_GO sends no body. */
  accept(callId: string, sdp?: string): Promise<unknown> {
    return this.request('POST', `/v1/calls/${encodeURIComponent(callId)}/accept`, sdp === undefined ? undefined : { sdp });
  }

  reject(callId: string): Promise<unknown> {
    return this.request('POST', `/v1/calls/${encodeURIComponent(callId)}/reject`);
  }

  terminate(callId: string): Promise<unknown> {
    return this.request('POST', `/v1/calls/${encodeURIComponent(callId)}/terminate`);
  }

  play(callId: string, mediaUrl: string): Promise<unknown> {
    return this.request('POST', `/v1/calls/${encodeURIComponent(callId)}/play`, { mediaUrl });
  }

  async realtimeSession(callId: string, mode: 'talk' | 'listen'): Promise<RealtimeSession> {
    const body = (await this.request('POST', `/v1/calls/${encodeURIComponent(callId)}/realtime-session`, { mode })) as Partial<RealtimeSession> | null;
    if (!body || typeof body.wsUrl !== 'string') {
      throw new PilotApiError('malformed', 'MALFORMED_RESPONSE', 'The realtime session had no wsUrl');
    }
    return body as RealtimeSession;
  }

  /** META: Meta's calling settings of this number. */
  getCallingSettings(): Promise<unknown> {
    return this.request('GET', '/v1/calls/settings');
  }

  /** META: a partial update of the calling settings (`call_hours` replaces the whole object). */
  updateCallingSettings(patch: Record<string, unknown>): Promise<unknown> {
    return this.request('PUT', '/v1/calls/settings', patch);
  }

  getPermissions(to: string): Promise<unknown> {
    return this.request('GET', `/v1/calls/permissions?to=${encodeURIComponent(to)}`);
  }

  requestPermission(to: string, text?: string): Promise<unknown> {
    return this.request('POST', '/v1/calls/permissions/request', text ? { to, text } : { to });
  }

  /**
   * One request: auth header, timeout, JSON in and out, errors mapped. The
   * key goes only to this line's own origin over https (http only to this
   * machine): a redirect within the origin is followed, one elsewhere is
   * refused before anything is sent there. Answers are read up to
   * {@link maxResponseBytes}, never whole whatever their size.
   */
  private async request(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    const first = new URL(`${this.base}${path}`);
    if (!isSecureOrLoopback(first)) {
      throw new PilotApiError('refused', 'INSECURE_ADDRESS', 'The API key is sent over https only (plain http only to this machine); the line\'s address is not https');
    }
    const key = await this.options.apiKey();
    const signal = AbortSignal.timeout(this.timeoutMs);
    let url = first;
    let current: { method: string; body: unknown } = { method, body };
    for (let hops = 0; ; hops += 1) {
      const response = await this.send(url, current.method, current.body, key, signal);
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (location === null) return this.answer(response);
      await response.body?.cancel().catch(() => undefined);
      const target = new URL(location, url);
      if (target.origin !== first.origin) {
        throw new PilotApiError('http', 'REDIRECTED_ELSEWHERE', `Pilot Status redirected to another address (${target.origin}); the API key is not sent there`, response.status);
      }
      if (hops >= maxRedirects) throw new PilotApiError('http', 'REDIRECTED_ELSEWHERE', `Pilot Status redirected more than ${maxRedirects} times`, response.status);
      // 303, and 301/302 after a POST, turn the request into a GET without a body, as browsers do.
      if (response.status === 303 || (response.status <= 302 && current.method !== 'GET')) current = { method: 'GET', body: undefined };
      url = target;
    }
  }

  private async send(url: URL, method: string, body: unknown, key: string, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { 'x-api-key': key, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await this.fetchImpl(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, redirect: 'manual' });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new PilotApiError('timeout', 'TIMEOUT', `No answer from Pilot Status within ${this.timeoutMs} ms`);
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new PilotApiError('network', 'NETWORK_ERROR', `Cannot reach Pilot Status: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
  }

  private async answer(response: Response): Promise<unknown> {
    const text = await readCapped(response, this.maxResponseBytes, this.timeoutMs);
    const json = parseJson(text);
    if (!response.ok) {
      throw httpError(response.status, json, parseRetryAfter(response.headers.get('retry-after'), Date.now()));
    }
    if (text.length > 0 && json === undefined) {
      throw new PilotApiError('malformed', 'MALFORMED_RESPONSE', `Pilot Status sent a body that is not JSON (HTTP ${response.status})`, response.status);
    }
    return json ?? null;
  }
}

/** Redirects followed within the line's own origin before giving up. */
const maxRedirects = 3;

const tooLarge = (limit: number, status: number): PilotApiError =>
  new PilotApiError('malformed', 'RESPONSE_TOO_LARGE', `Pilot Status sent an answer larger than ${Math.round(limit / 1024)} KiB; it was not read`, status);

/** The body as text, read chunk by chunk and abandoned as soon as it passes `limit` bytes. */
const readCapped = async (response: Response, limit: number, timeoutMs: number): Promise<string> => {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(limit, response.status);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(limit, response.status);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PilotApiError) throw error;
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new PilotApiError('timeout', 'TIMEOUT', `Pilot Status stopped sending within ${timeoutMs} ms`);
    }
    throw new PilotApiError('network', 'NETWORK_ERROR', `The answer from Pilot Status was cut off: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const parseJson = (text: string): unknown => {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};
