import { pilotCallSchema, type PilotCall } from '../pilot/call-schema';
import type { CreateCallRequest, CreatedCall, ListCallsQuery, PilotClient, RealtimeSession } from '../pilot/pilot-client';
import { PilotApiError } from '../pilot/pilot-error';
import type { TeamConnection } from './team-connection';

/**
 * One team number as the app's call code sees a line's Pilot Status client:
 * the same methods and results, each carried out by the team server with the
 * number's key (which never reaches the app). Errors are `PilotApiError`s,
 * so the call service reads "answered by Ana" (409
 * `CALL_ANSWERED_ELSEWHERE`) as it reads any lost race.
 */
export class TeamLineClient implements Pick<PilotClient, keyof PilotClient> {
  constructor(
    private readonly connection: Pick<TeamConnection, 'request'>,
    readonly number: string,
  ) {}

  /** A team line follows calls through the team server's stream; it never lists calls itself. */
  async listCalls(_query?: ListCallsQuery): Promise<{ calls: PilotCall[]; rejected: unknown[] }> {
    throw new PilotApiError('http', 'FEATURE_NOT_SUPPORTED', 'A team line gets its calls from the team server', 400);
  }

  async getCall(callId: string, options: { includeSdp?: boolean } = {}): Promise<PilotCall> {
    const body = await this.connection.request('call.get', { number: this.number, callId, ...(options.includeSdp ? { includeSdp: true } : {}) });
    const parsed = pilotCallSchema.safeParse(body);
    if (!parsed.success) throw new PilotApiError('malformed', 'MALFORMED_RESPONSE', 'The call object had no id or status');
    return parsed.data;
  }

  async createCall(request: CreateCallRequest): Promise<CreatedCall> {
    const created = await this.connection.request<CreatedCall>('call.dial', {
      number: this.number,
      to: request.to,
      ...(request.sdp ? { sdp: request.sdp } : {}),
      ...(request.bizOpaqueCallbackData ? { bizOpaqueCallbackData: request.bizOpaqueCallbackData } : {}),
    });
    return { id: created.id, externalCallId: created.externalCallId ?? null, status: String(created.status ?? 'INITIATED') };
  }

  preAccept(callId: string, sdp: string): Promise<unknown> {
    return this.connection.request('call.preAccept', { number: this.number, callId, sdp });
  }

  accept(callId: string, sdp?: string): Promise<unknown> {
    return this.connection.request('call.accept', { number: this.number, callId, ...(sdp === undefined ? {} : { sdp }) });
  }

  reject(callId: string): Promise<unknown> {
    return this.connection.request('call.reject', { number: this.number, callId });
  }

  terminate(callId: string): Promise<unknown> {
    return this.connection.request('call.terminate', { number: this.number, callId });
  }

  play(callId: string, mediaUrl: string): Promise<unknown> {
    return this.connection.request('call.play', { number: this.number, callId, mediaUrl });
  }

  async realtimeSession(callId: string, mode: 'talk' | 'listen'): Promise<RealtimeSession> {
    const session = await this.connection.request<RealtimeSession | null>('call.realtimeSession', { number: this.number, callId, mode });
    if (!session || typeof session.wsUrl !== 'string') throw new PilotApiError('malformed', 'MALFORMED_RESPONSE', 'The realtime session had no wsUrl');
    return session;
  }

  getCallingSettings(): Promise<unknown> {
    return this.connection.request('settings.get', { number: this.number });
  }

  updateCallingSettings(patch: Record<string, unknown>): Promise<unknown> {
    return this.connection.request('settings.update', { number: this.number, patch });
  }

  getPermissions(to: string): Promise<unknown> {
    return this.connection.request('permissions.get', { number: this.number, to });
  }

  requestPermission(to: string, text?: string): Promise<unknown> {
    return this.connection.request('permissions.request', { number: this.number, to, ...(text ? { text } : {}) });
  }
}
