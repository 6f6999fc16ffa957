import { SimError } from '../sim-error';
import type { Simulator } from '../simulator';
import type { CustomerAudio } from './audio-source';
import type { CustomerPatch, PermissionStatus } from './meta-customers';

type Json = Record<string, unknown>;
type Reply = (status: number, body: unknown) => void;

const bad = (message: string) => new SimError(400, 'VALIDATION_ERROR', message);
const permissionStatuses = ['no_permission', 'temporary', 'permanent'] as const;

const audioOf = (value: unknown): CustomerAudio | undefined => {
  if (value === undefined) return undefined;
  const audio = value as Partial<CustomerAudio> | null;
  if (audio?.kind === 'tone' && typeof audio.hz === 'number' && audio.hz > 20 && audio.hz < 20_000) return { kind: 'tone', hz: audio.hz };
  if (audio?.kind === 'speech' && typeof audio.file === 'string') return { kind: 'speech', file: audio.file };
  if (audio?.kind === 'silence' || audio?.kind === 'echo') return { kind: audio.kind };
  throw bad('audio must be {kind:"tone",hz}, {kind:"speech",file}, {kind:"silence"} or {kind:"echo"}');
};

const permissionOf = (value: unknown): PermissionStatus => {
  if (typeof value !== 'string' || !(permissionStatuses as readonly string[]).includes(value)) throw bad(`status must be one of ${permissionStatuses.join(', ')}`);
  return value as PermissionStatus;
};

const customerPatch = (body: Json): CustomerPatch => {
  const patch: CustomerPatch = {};
  if (body.pickup !== undefined) {
    if (body.pickup !== 'answer' && body.pickup !== 'reject' && body.pickup !== 'ignore') throw bad('pickup must be answer, reject or ignore');
    patch.pickup = body.pickup;
  }
  if (typeof body.pickupDelayMs === 'number') patch.pickupDelayMs = body.pickupDelayMs;
  if (body.network === 'ok' || body.network === 'blocked') patch.network = body.network;
  if (typeof body.serviceWindowOpen === 'boolean') patch.serviceWindowOpen = body.serviceWindowOpen;
  const audio = audioOf(body.audio);
  if (audio) patch.audio = audio;
  return patch;
};

/**
 * `/sim/meta/*`: the control surface for tests and the demo to act as
 * WhatsApp users of Meta numbers (call in, pick up or not, grant
 * permissions) and to read what a customer's phone heard.
 */
export const serveMetaControl = async (simulator: Simulator, request: { method: string; path: string; body: Json }, reply: Reply): Promise<boolean> => {
  const { method, path, body } = request;
  const meta = simulator.meta;
  if (path === '/sim/meta/calls/incoming' && method === 'POST') {
    if (typeof body.numberId !== 'string' || typeof body.from !== 'string') throw bad('numberId and from are required');
    const ringTimeoutMs = typeof body.ringTimeoutMs === 'number' ? body.ringTimeoutMs : undefined;
    reply(200, await meta.incomingCall({ numberId: body.numberId, from: body.from, audio: audioOf(body.audio), ringTimeoutMs }));
    return true;
  }
  const customer = /^\/sim\/meta\/customers\/([^/]+)(\/permission)?$/.exec(path);
  if (customer && method === 'POST') {
    const phone = decodeURIComponent(customer[1]!);
    if (customer[2]) meta.answerPermissionRequest(phone, permissionOf(body.status));
    else meta.customer(phone, customerPatch(body));
    reply(200, meta.customers.get(phone));
    return true;
  }
  const media = /^\/sim\/meta\/calls\/([^/]+)\/(media|say)$/.exec(path);
  if (media) {
    const phone = meta.phone(decodeURIComponent(media[1]!));
    if (!phone) throw new SimError(404, 'CALL_NOT_FOUND', 'No customer phone for that call');
    if (media[2] === 'say' && method === 'POST') phone.say(audioOf(body.audio) ?? { kind: 'silence' });
    reply(200, { connection: phone.connectionState, talking: phone.talking, packetsReceived: phone.packetsReceived, digits: phone.digits, dominant: phone.dominant(500) });
    return true;
  }
  const number = /^\/sim\/meta\/numbers\/([^/]+)$/.exec(path);
  if (number && method === 'POST') {
    const state = meta.settings.get(simulator.number(decodeURIComponent(number[1]!)).id);
    if (typeof body.messagingLimit === 'number') state.messagingLimit = body.messagingLimit;
    if (typeof body.paymentMethod === 'boolean') state.paymentMethod = body.paymentMethod;
    reply(200, { settings: state.settings, messagingLimit: state.messagingLimit, paymentMethod: state.paymentMethod });
    return true;
  }
  return false;
};
