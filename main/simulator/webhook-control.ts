import { SimError } from './sim-error';
import type { Simulator } from './simulator';
import { webhooksOf, type WebhookTarget } from './webhooks';

type Json = Record<string, unknown>;
type Reply = (status: number, body: unknown) => void;

const bad = (message: string) => new SimError(400, 'VALIDATION_ERROR', message);

const targetOf = (body: Json): WebhookTarget => {
  const { numberId, url, secretHeader, duplicates, reorder, delayMs, seed, retries } = body;
  if (typeof numberId !== 'string' || !numberId) throw bad('numberId is required');
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw bad('url must be an http(s) address');
  if (duplicates !== undefined && (typeof duplicates !== 'number' || duplicates < 0 || duplicates > 1)) throw bad('duplicates is a probability from 0 to 1');
  if (reorder !== undefined && typeof reorder !== 'boolean') throw bad('reorder is true or false');
  const range = Array.isArray(delayMs) && delayMs.length === 2 && delayMs.every((n) => typeof n === 'number' && n >= 0);
  if (delayMs !== undefined && !(typeof delayMs === 'number' && delayMs >= 0) && !range) throw bad('delayMs is a number or [min, max]');
  const target: WebhookTarget = { numberId, url };
  if (typeof secretHeader === 'string') target.secretHeader = secretHeader;
  if (typeof duplicates === 'number') target.duplicates = duplicates;
  if (typeof reorder === 'boolean') target.reorder = reorder;
  if (delayMs !== undefined) target.delayMs = delayMs as WebhookTarget['delayMs'];
  if (typeof seed === 'number') target.seed = seed;
  if (typeof retries === 'number') target.retries = retries;
  return target;
};

/**
 * `/sim/webhooks`: where the simulator sends a number's webhooks and how
 * badly: `POST {numberId, url, duplicates?, reorder?, delayMs?, seed?,
 * retries?, secretHeader?}`, `GET` lists targets and delivery counts,
 * `DELETE /sim/webhooks/<numberId>` stops them. Returns false for other paths.
 */
export const serveWebhookControl = async (simulator: Simulator, request: { method: string; path: string; body: Json }, reply: Reply): Promise<boolean> => {
  const webhooks = webhooksOf(simulator);
  if (request.path === '/sim/webhooks' && request.method === 'POST') {
    webhooks.target(targetOf(request.body));
    reply(200, { targets: webhooks.targets() });
    return true;
  }
  if (request.path === '/sim/webhooks' && request.method === 'GET') {
    reply(200, { targets: webhooks.targets(), stats: webhooks.stats });
    return true;
  }
  const remove = /^\/sim\/webhooks\/([^/]+)$/.exec(request.path);
  if (remove && request.method === 'DELETE') {
    reply(200, { removed: webhooks.remove(decodeURIComponent(remove[1]!)) });
    return true;
  }
  return false;
};
