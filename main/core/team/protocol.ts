/**
 * The team server's agent protocol (WebSocket, JSON text frames), shared by
 * the server (`main/team-server`) and the app's team client (`main/core/team`).
 *
 * ```
 * app                                   team server
 *  │  upgrade /v1/agent, Authorization: Bearer pst_…, subprotocol pilot-team.v1
 *  │ ── hello {after?, status?} ───────────▶  (after: the last stream id the app received)
 *  │ ◀── welcome {agent, numbers, cursor} ──
 *  │ ◀── snapshot {calls} ──────────────────  (only when the app has no position or it was trimmed)
 *  │ ◀── event {id, ring, event} … ─────────  (every stream entry after `after`, in order, once)
 *  │ ── request {requestId, action, args} ─▶
 *  │ ◀── response {requestId, ok, value|error}
 *  │ ◀── team {feed} ───────────────────────  (supervisors: who is available, what rings, what is live)
 * ```
 * A revoked token is closed with {@link teamCloseCodes.unauthorized}.
 */
import { z } from 'zod';
import type { AppError, Provider } from '../../../preload/contract';
import { agentTokenPattern } from '../../../preload/contract';

export const teamSocketProtocol = 'pilot-team.v1';
export const teamSocketPath = '/v1/agent';
/** Agent tokens: `pst_` and 43 base64url characters (256 random bits); the app's form checks the same pattern. */
export { agentTokenPattern };

export const teamCloseCodes = {
  /** Unknown or revoked token: reconnecting with the same token will not help. */
  unauthorized: 4401,
  /** A message the server could not read. */
  protocolError: 4400,
  /** The instance is shutting down: reconnect (to another instance) at once. */
  restart: 1012,
} as const;

/** What an agent chooses; `on-call` is set by the server while the agent has a call, `offline` while no app is connected. */
export const agentStatuses = ['available', 'away', 'dnd'] as const;
export type AgentStatus = (typeof agentStatuses)[number];
export type PresenceStatus = AgentStatus | 'on-call' | 'offline';
export type AgentRole = 'agent' | 'supervisor';

export interface TeamNumberView {
  /** The team's name for the number, e.g. `support`. */
  id: string;
  label: string;
  provider: Provider;
}

export interface TeamAgentView {
  id: string;
  name: string;
  role: AgentRole;
  numbers: string[];
}

export interface PresenceView {
  agentId: string;
  name: string;
  numbers: string[];
  status: PresenceStatus;
  /** What the agent chose, kept while the server shows them on a call or offline. */
  chosen: AgentStatus;
  /** Epoch ms the status began. */
  since: number;
  /** The call the agent is on, while `on-call`. */
  callId?: string;
}

export interface AnsweredBy {
  agentId: string;
  name: string;
}

export type CallEventType = 'ringing' | 'connected' | 'ended' | 'updated' | 'seen';
export type IntakeSource = 'webhook' | 'poll' | 'confirm' | 'action';

/** A call as Pilot Status reported it (contract §3 Call object, unknown fields kept). */
export type CallSnapshot = Record<string, unknown> & { id: string; status: string };

/** One entry of the team's event stream. */
export type TeamEvent =
  | {
      kind: 'call';
      type: CallEventType;
      number: string;
      call: CallSnapshot;
      /** Epoch ms the server learned of the change (webhook received, poll answered). */
      at: number;
      source: IntakeSource;
      answeredBy?: AnsweredBy;
    }
  | { kind: 'presence'; presence: PresenceView; at: number }
  | { kind: 'permission'; number: string; payload: Record<string, unknown>; at: number }
  | { kind: 'revoked'; agentId: string; at: number };

export type CallTeamEvent = Extract<TeamEvent, { kind: 'call' }>;

export interface SupervisorCall {
  number: string;
  /** The team's name for the number (supervisors also see numbers they do not answer). */
  numberLabel?: string;
  callId: string;
  status: string;
  peerNumber: string;
  direction: string;
  provider: Provider;
  since: number;
  answeredBy?: AnsweredBy;
}

export interface SupervisorFeed {
  agents: PresenceView[];
  ringing: SupervisorCall[];
  live: SupervisorCall[];
  at: number;
}

export type TeamError = AppError & { status?: number };

export type ServerMessage =
  | { type: 'welcome'; agent: TeamAgentView; numbers: TeamNumberView[]; cursor: string; presence: PresenceView; instance: string }
  | { type: 'snapshot'; cursor: string; calls: { ring: boolean; event: CallTeamEvent }[] }
  | { type: 'event'; id: string; ring: boolean; event: TeamEvent }
  | { type: 'team'; feed: SupervisorFeed }
  | { type: 'response'; requestId: number; ok: true; value: unknown }
  | { type: 'response'; requestId: number; ok: false; error: TeamError };

const numberId = z.string().min(1).max(60);
const callId = z.string().min(1).max(200);
const phone = z.string().trim().min(3).max(40);

/** Every request an agent can send, with its argument schema (checked by the server). */
export const teamActions = {
  'presence.set': z.object({ status: z.enum(agentStatuses) }).strict(),
  'call.get': z.object({ number: numberId, callId, includeSdp: z.boolean().optional() }).strict(),
  'call.preAccept': z.object({ number: numberId, callId, sdp: z.string().min(1).max(20_000) }).strict(),
  'call.accept': z.object({ number: numberId, callId, sdp: z.string().min(1).max(20_000).optional() }).strict(),
  'call.reject': z.object({ number: numberId, callId }).strict(),
  'call.terminate': z.object({ number: numberId, callId }).strict(),
  'call.dial': z
    .object({ number: numberId, to: phone, sdp: z.string().min(1).max(20_000).optional(), bizOpaqueCallbackData: z.string().max(512).optional() })
    .strict(),
  'call.play': z.object({ number: numberId, callId, mediaUrl: z.string().url().max(2000) }).strict(),
  'call.realtimeSession': z.object({ number: numberId, callId, mode: z.enum(['talk', 'listen']) }).strict(),
  'permissions.get': z.object({ number: numberId, to: phone }).strict(),
  'permissions.request': z.object({ number: numberId, to: phone, text: z.string().max(1000).optional() }).strict(),
  'settings.get': z.object({ number: numberId }).strict(),
  'settings.update': z.object({ number: numberId, patch: z.record(z.string(), z.unknown()) }).strict(),
  'history.query': z.object({ filter: z.unknown().optional(), sort: z.unknown().optional(), limit: z.unknown().optional(), after: z.unknown().optional() }).strict(),
  'history.stats': z.object({ filter: z.unknown().optional() }).strict(),
  'history.get': z.object({ callId }).strict(),
  'history.annotate': z
    .object({
      callId,
      notes: z.string().max(10_000).optional(),
      disposition: z.string().trim().max(60).nullable().optional(),
      tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
      contactName: z.string().trim().max(120).nullable().optional(),
      /** When the agent made this edit (epoch ms): the newest edit of a call wins, whatever order uploads arrive in. */
      editedAt: z.number().int().min(0).max(8_640_000_000_000_000),
    })
    .strict(),
  'team.feed': z.object({}).strict(),
} as const;

export type TeamAction = keyof typeof teamActions;
export type TeamActionArgs<A extends TeamAction> = z.input<(typeof teamActions)[A]>;

export type ClientMessage =
  | { type: 'hello'; after?: string; status?: AgentStatus }
  | { type: 'request'; requestId: number; action: TeamAction; args: unknown };

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), after: z.string().regex(/^\d+-\d+$/).optional(), status: z.enum(agentStatuses).optional() }).strict(),
  z.object({ type: z.literal('request'), requestId: z.number().int().min(0), action: z.string().max(40), args: z.unknown() }).strict(),
]);

/** Compares two stream ids (`ms-seq`) numerically. */
export const compareStreamIds = (a: string, b: string): number => {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
};
