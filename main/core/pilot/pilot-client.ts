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
}

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

  constructor(private readonly options: PilotClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 8000;
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

  /** One request: auth header, timeout, JSON in and out, errors mapped. */
  private async request(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    const key = await this.options.apiKey();
    const headers: Record<string, string> = { 'x-api-key': key, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new PilotApiError('timeout', 'TIMEOUT', `No answer from Pilot Status within ${this.timeoutMs} ms`);
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new PilotApiError('network', 'NETWORK_ERROR', `Cannot reach Pilot Status: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    const text = await readText(response, this.timeoutMs);
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

const readText = async (response: Response, timeoutMs: number): Promise<string> => {
  try {
    return await response.text();
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new PilotApiError('timeout', 'TIMEOUT', `Pilot Status stopped sending within ${timeoutMs} ms`);
    }
    throw new PilotApiError('network', 'NETWORK_ERROR', `The answer from Pilot Status was cut off: ${(error as Error).message}`);
  }
};

const parseJson = (text: string): unknown => {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};
