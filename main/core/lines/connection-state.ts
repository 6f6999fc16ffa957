import type { ConnectionState } from '../../../preload/contract';
import type { PilotApiError } from '../pilot/pilot-error';

/** Codes that come from the keychain, not from Pilot Status. */
const keychainCodes = new Set(['KEYCHAIN_UNAVAILABLE', 'API_KEY_MISSING']);
/** Codes that mean the line's address is not where Pilot Status answers. */
const addressCodes = new Set(['REDIRECTED_ELSEWHERE', 'INSECURE_ADDRESS']);

/**
 * What the agent is told about a line whose poll failed, by cause: the key
 * (`unauthorized`), the keychain, the address (`wrong-address`: nothing
 * answers as Pilot Status there), Pilot Status asking the app to slow down
 * (`rate-limited`, until the time the poller waits for), Pilot Status's own
 * trouble (`service-error`: 5xx, an unreadable or oversized answer) and,
 * only when nothing answered at all, `unreachable`.
 */
export const connectionStateOf = (error: PilotApiError): Exclude<ConnectionState, 'ok' | 'connecting'> => {
  if (keychainCodes.has(error.code)) return 'keychain-error';
  if (error.isAuth) return 'unauthorized';
  if (addressCodes.has(error.code) || (error.status === 404 && error.code !== 'CALL_NOT_FOUND')) return 'wrong-address';
  if (error.status === 429) return 'rate-limited';
  if (error.kind === 'network' || error.kind === 'timeout') return 'unreachable';
  return 'service-error';
};

/** States a single failed poll does not announce: one blip is retried quietly. */
export const quietOnFirstFailure = (state: ConnectionState): boolean => state === 'unreachable' || state === 'service-error';
