import { pilotCallSchema, type PilotCall } from '../../core/pilot/call-schema';

/** The status a call event implies when its payload carries none (contract §4 event names). */
const statusOfEvent: Record<string, string> = {
  'call.ringing': 'RINGING',
  'call.connected': 'ACCEPTED',
  'call.ended': 'COMPLETED',
  'call.missed': 'MISSED',
};

/** Fields the team server understands; anything else is logged by name (contract §4: fields unknown). */
export const knownWebhookFields = new Set([
  ...Object.keys(pilotCallSchema.shape),
  'event',
  'type',
  'callId',
  'timestamp',
]);

export type WebhookPayload =
  | { kind: 'call'; event: string | null; call: PilotCall; unknownFields: string[] }
  | { kind: 'permission'; event: string; payload: Record<string, unknown>; unknownFields: string[] }
  | { kind: 'ignored'; event: string | null; reason: string; unknownFields: string[] }
  | { kind: 'invalid'; reason: string };

/**
 * Reads a webhook body: flat JSON, no `data` wrapper, fields probably those
 * of the Call object (contract §4, assumed). The event name may come as
 * `event` or `type`; a call without a status takes the one its event name
 * implies. Meta's native envelope is acknowledged and left alone (the flat
 * event carries the same facts).
 */
export const readWebhookPayload = (body: unknown): WebhookPayload => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'invalid', reason: 'the body is not a JSON object' };
  const record = body as Record<string, unknown>;
  const unknownFields = Object.keys(record).filter((field) => !knownWebhookFields.has(field));
  const eventName = [record.event, record.type].find((v): v is string => typeof v === 'string') ?? null;
  if (record.object === 'whatsapp_business_account' || Array.isArray(record.entry)) {
    return { kind: 'ignored', event: eventName, reason: 'Meta native envelope', unknownFields };
  }
  if (eventName === 'call.permission_updated') return { kind: 'permission', event: eventName, payload: record, unknownFields };
  const { event: _event, type: _type, callId, timestamp: _timestamp, ...fields } = record;
  const id = record.id ?? callId;
  const status = record.status ?? (eventName ? statusOfEvent[eventName] : undefined);
  // The call as Pilot Status describes it, without the envelope's own fields.
  const parsed = pilotCallSchema.safeParse({ ...fields, id, status });
  if (!parsed.success) {
    if (eventName && !eventName.startsWith('call.')) return { kind: 'ignored', event: eventName, reason: 'not a call event', unknownFields };
    return { kind: 'invalid', reason: 'a call event needs an id and a status (or a known event name)' };
  }
  return { kind: 'call', event: eventName, call: parsed.data, unknownFields };
};
