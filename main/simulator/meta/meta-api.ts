import type { SimNumber } from '../sim-state';
import { SimError } from '../sim-error';
import type { Simulator } from '../simulator';

type Json = Record<string, unknown>;
type Reply = (status: number, body: unknown) => void;

const requireMeta = (number: SimNumber): void => {
  if (number.provider !== 'META') {
    throw new SimError(400, 'FEATURE_NOT_SUPPORTED', 'Calling is only supported for Meta Cloud API and Pilot Status (web) numbers; this action needs a Meta number.');
  }
};

/** `+5511999999999` or digits: 8 to 15 digits, as WhatsApp numbers are. */
const recipient = (value: unknown): string => {
  if (typeof value !== 'string' || !/^\+?\d{8,15}$/.test(value.replace(/[\s()-]/g, ''))) {
    throw new SimError(400, 'VALIDATION_ERROR', 'to must be a phone number in international format, e.g. +5511999999999');
  }
  return value.replace(/\D/g, '');
};

/**
 * The Meta-only routes of contract §3: placing a call, calling settings and
 * call permissions. Returns false for anything it does not serve, so the
 * caller's routing goes on.
 */
export const serveMetaApi = async (
  simulator: Simulator,
  number: SimNumber,
  request: { method: string; path: string; url: URL; body: Json },
  reply: Reply,
): Promise<boolean> => {
  const { method, path, url, body } = request;
  const meta = simulator.meta;
  if (path === '/v1/calls' && method === 'POST') {
    if (number.provider !== 'META') return false;
    const to = recipient(body.to);
    if (body.sdp !== undefined && typeof body.sdp !== 'string') throw new SimError(400, 'VALIDATION_ERROR', 'sdp must be a string');
    if (body.sdpType !== undefined && body.sdpType !== 'offer') throw new SimError(400, 'VALIDATION_ERROR', 'sdpType must be "offer"');
    const call = await meta.placeCall(number, { to, sdp: body.sdp as string | undefined });
    reply(200, { id: call.id, externalCallId: call.externalCallId, status: call.status });
    return true;
  }
  if (path === '/v1/calls/settings' && (method === 'GET' || method === 'PUT')) {
    requireMeta(number);
    if (method === 'PUT') {
      meta.settings.update(number.id, body);
      reply(200, { success: true });
    } else {
      reply(200, meta.settings.get(number.id).settings);
    }
    return true;
  }
  if (path === '/v1/calls/permissions' && method === 'GET') {
    requireMeta(number);
    reply(200, meta.permissions(recipient(url.searchParams.get('to') ?? undefined)));
    return true;
  }
  if (path === '/v1/calls/permissions/request' && method === 'POST') {
    requireMeta(number);
    if (body.text !== undefined && typeof body.text !== 'string') throw new SimError(400, 'VALIDATION_ERROR', 'text must be a string');
    reply(200, meta.requestPermission(recipient(body.to)));
    return true;
  }
  return false;
};
