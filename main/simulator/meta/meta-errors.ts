import { SimError } from '../sim-error';

/**
 * Meta's errors as Pilot Status relays them: Pilot's `code` plus Meta's own
 * error object under `error` (shape [assumed]; Meta's numbers are [doc]).
 */
const metaError = (status: number, code: string, message: string, meta: Record<string, unknown>): SimError =>
  new SimError(status, code, message, { error: { message, type: 'OAuthException', ...meta } });

export const permissionRequired = () =>
  metaError(400, 'META_CALL_PERMISSION_REQUIRED', 'No approved call permission from the recipient', { code: 138006 });

export const permissionRequestLimit = (nextAllowedAt: number) =>
  new SimError(400, 'META_CALL_PERMISSION_REQUEST_LIMIT', 'Reached the limit of call permission requests to this user', {
    nextAllowedAt: new Date(nextAllowedAt).toISOString(),
    error: { message: 'Call permission request limit reached', type: 'OAuthException', code: 138009 },
  });

export const paymentRequired = () =>
  metaError(400, 'META_CALLING_PAYMENT_REQUIRED', 'The WhatsApp Business Account has no valid payment method', { code: 131044 });

export const tierTooLow = () =>
  metaError(400, 'META_API_ERROR', 'Calling cannot be enabled: the messaging limit is below 2000', { code: 138015 });

/** Meta's answer to an SDP it will not take: "Invalid parameter", code 100, subcode 2494010, the reason in `error_data.details`. */
export const invalidSdp = (details: string) =>
  metaError(400, 'META_API_ERROR', `Invalid parameter: ${details}`, {
    code: 100,
    error_subcode: 2494010,
    error_data: { messaging_product: 'whatsapp', details },
    error_user_title: 'Parameter Invalid',
  });

/** [assumed] code: Meta's number for this case is not documented in the contract. */
export const callingDisabled = () => new SimError(400, 'META_CALLING_DISABLED', 'Calling is not enabled for this business phone number');

export const outsideServiceWindow = () =>
  new SimError(400, 'META_OUTSIDE_SERVICE_WINDOW', 'Permission requests can only be sent within 24 hours of the user\'s last message');
