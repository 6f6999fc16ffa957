import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { socketProtocol, socketSecretPrefix } from '../../preload/contract';

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Decides whether a WebSocket upgrade may speak the contract: it must come
 * from the host's own page (exact Origin) and carry this launch's secret as a
 * `secret.<value>` subprotocol beside `pilot-contract.v1` (or the subprotocol
 * of another socket of the host, such as the per-call audio channel). Anything else, a
 * local process or a web page in another tab included, is refused.
 */
export const verifyUpgrade = (request: IncomingMessage, expected: { origin: string; secret: string; protocol?: string }): UpgradeVerdict => {
  if (request.headers.origin !== expected.origin) {
    return { ok: false, status: 403, reason: `foreign origin ${request.headers.origin ?? '(none)'}` };
  }
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const protocol = expected.protocol ?? socketProtocol;
  if (!offered.includes(protocol)) return { ok: false, status: 401, reason: `${protocol} subprotocol missing` };
  const secret = offered.find((p) => p.startsWith(socketSecretPrefix))?.slice(socketSecretPrefix.length);
  if (!secret || !sameSecret(secret, expected.secret)) return { ok: false, status: 401, reason: 'launch secret missing or wrong' };
  return { ok: true };
};
