import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/logging/logger';
import type { PilotKeys } from '../pilot-keys';
import type { TeamMetrics } from '../metrics';
import type { TeamIntake } from '../intake/team-intake';
import { HttpError, readJsonBody, sendError } from '../http/http-io';
import { readWebhookPayload } from './webhook-payload';
import { sameSecret } from './webhook-secret';

export interface WebhookReceiverDeps {
  keys: PilotKeys;
  intake: Pick<TeamIntake, 'apply'>;
  logger: Logger;
  metrics: TeamMetrics;
  /** A `call.permission_updated` for a number: passed on to its agents. */
  publishPermission: (number: string, payload: Record<string, unknown>) => Promise<void>;
}

const maxBodyBytes = 256 * 1024;
export const webhookPathPattern = /^\/webhooks\/pilot\/([a-z0-9_-]{1,40})(?:\/([A-Za-z0-9_-]{1,200}))?\/?$/;

/**
 * `POST /webhooks/pilot/<number>[/<secret>]`: Pilot Status's call events for
 * one number. The secret is the last path segment or the
 * `x-pilot-webhook-secret` header, compared in constant time; an unknown
 * number and a wrong secret get the same 404. The answer (204) is sent only
 * once the event is in the team stream, so a failure here (503) is retried
 * by the sender instead of lost. Field names nobody documents are logged
 * once each (names only: values may be personal data).
 */
export const createWebhookReceiver = (deps: WebhookReceiverDeps) => {
  const reportedFields = new Set<string>();

  return async (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
    const match = webhookPathPattern.exec(path);
    try {
      if (!match) throw new HttpError(404, 'NOT_FOUND', 'No such webhook');
      if (request.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'Webhooks are POST requests');
      const number = match[1]!;
      const header = request.headers['x-pilot-webhook-secret'];
      const given = match[2] ?? (typeof header === 'string' ? header : undefined);
      if (!sameSecret(given, deps.keys.get(number)?.webhookSecret)) {
        deps.metrics.webhooks.inc({ outcome: 'refused' });
        throw new HttpError(404, 'NOT_FOUND', 'No such webhook');
      }
      const payload = readWebhookPayload(await readJsonBody(request, maxBodyBytes));
      if (payload.kind === 'invalid') {
        deps.logger.warn({ number, reason: payload.reason }, 'webhook payload not understood');
        throw new HttpError(400, 'INVALID_PAYLOAD', payload.reason);
      }
      const fresh = payload.unknownFields.filter((field) => !reportedFields.has(field));
      if (fresh.length > 0) {
        for (const field of fresh) reportedFields.add(field);
        deps.logger.info({ number, event: payload.event, fields: fresh }, 'webhook payload has fields the team server does not use');
      }
      if (payload.kind === 'call') await deps.intake.apply(number, payload.call, 'webhook');
      else if (payload.kind === 'permission') await deps.publishPermission(number, payload.payload);
      else deps.logger.info({ number, event: payload.event, reason: payload.reason }, 'webhook acknowledged and ignored');
      deps.metrics.webhooks.inc({ outcome: payload.kind });
      response.writeHead(204).end();
    } catch (error) {
      if (!(error instanceof HttpError)) {
        deps.logger.error({ err: error, number: match?.[1] }, 'webhook could not be taken in');
        deps.metrics.webhooks.inc({ outcome: 'failed' });
        return sendError(response, new HttpError(503, 'UNAVAILABLE', 'The event could not be stored; send it again'));
      }
      sendError(response, error);
    }
  };
};
