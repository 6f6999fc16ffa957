/**
 * The offer Pilot Status receives for a business-initiated META call must
 * carry `a=setup:active` (contract §5). Chromium's own offer says `actpass`
 * and must stay so locally (it refuses the answer otherwise), so only the
 * copy sent to Pilot is rewritten.
 */
export const withSetupActive = (sdp: string): string => sdp.replace(/^a=setup:actpass(\r?)$/gm, 'a=setup:active$1');

/** Every `a=setup:` value, in order. */
export const setupAttributes = (sdp: string): string[] => [...sdp.matchAll(/^a=setup:(\S+)/gm)].map((m) => m[1]!);
