import { keyMayGoTo, originOf } from '../../../preload/contract/pilot-address';
import { AppFailure } from '../errors';

/**
 * The rule for editing a line (issue: a key goes only to the origin it was
 * entered for): moving a line to another origin (scheme, host or port) needs
 * its key typed again in the same request, so the stored key is never sent
 * to an address nobody entered it for. Throws `API_KEY_REQUIRED_FOR_ADDRESS`
 * naming the key field; returns quietly when the edit may go ahead.
 *
 * Call it in the `accounts.update` handler before anything is saved, with
 * the line as stored and the checked request.
 */
export const assertKeyMayFollowAddress = (stored: { baseUrl: string }, request: { apiKey?: string | undefined; baseUrl?: string | undefined }): void => {
  if (request.apiKey || request.baseUrl === undefined || keyMayGoTo(stored.baseUrl, request.baseUrl)) return;
  throw new AppFailure(
    'API_KEY_REQUIRED_FOR_ADDRESS',
    `The line's key was entered for ${originOf(stored.baseUrl) ?? 'another address'}; enter the key again to use ${originOf(request.baseUrl) ?? 'the new address'}.`,
    { field: 'apiKey', reason: 'API_KEY_REQUIRED_FOR_ADDRESS' },
  );
};
