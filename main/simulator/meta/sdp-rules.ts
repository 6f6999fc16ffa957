/**
 * The SDP checks WhatsApp's media side makes, and the few rewrites the
 * simulated phone needs to look like it.
 */

/** Every `a=setup:` value in the SDP, in order. */
export const setupValues = (sdp: string): string[] => [...sdp.matchAll(/^a=setup:(\S+)/gm)].map((m) => m[1]!);

/** Why WhatsApp would refuse this business-initiated offer, or null when it is acceptable. */
export const offerProblem = (sdp: string): string | null => {
  if (!/^m=audio /m.test(sdp)) return 'The SDP offer has no audio section';
  if (!/^a=rtpmap:\d+ opus\/48000/im.test(sdp)) return 'The SDP offer does not offer opus/48000';
  if (!/^a=fingerprint:sha-256 /im.test(sdp)) return 'Fingerprint algo is not SHA256';
  const setups = setupValues(sdp);
  if (setups.length === 0 || setups.some((s) => s !== 'active')) {
    return `SDP setup attribute must be "active" in a business-initiated call offer (found "${setups.join(',') || 'none'}")`;
  }
  return null;
};

/** Why an answer to WhatsApp's offer would be refused, or null. */
export const answerProblem = (sdp: string): string | null => {
  if (!/^m=audio /m.test(sdp)) return 'The SDP answer has no audio section';
  if (!/^a=fingerprint:sha-256 /im.test(sdp)) return 'Fingerprint algo is not SHA256';
  const setups = setupValues(sdp);
  if (setups.some((s) => s !== 'active' && s !== 'passive')) return `SDP answer setup attribute must be "active" or "passive" (found "${setups.join(',')}")`;
  return null;
};

/**
 * WhatsApp offers and answers DTMF only as telephone-event/8000: drop the
 * other telephone-event rates from an offer before the phone answers it, so
 * its answer keeps the 8 kHz one.
 */
export const keepTelephoneEvent8000 = (sdp: string): string => {
  const drop = new Set([...sdp.matchAll(/^a=rtpmap:(\d+) telephone-event\/(\d+)/gim)].filter((m) => m[2] !== '8000').map((m) => m[1]!));
  if (drop.size === 0) return sdp;
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  return sdp
    .split(/\r?\n/)
    .filter((line) => {
      const attribute = /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)/.exec(line);
      return !(attribute && drop.has(attribute[1]!));
    })
    .map((line) => (line.startsWith('m=audio ') ? line.split(' ').filter((part, i) => i < 3 || !drop.has(part)).join(' ') : line))
    .join(eol);
};

/** The same SDP with every candidate's port changed to the discard port (9), where nothing answers. */
export const unreachableCandidates = (sdp: string): string =>
  sdp.replace(/^(a=candidate:\S+ \d+ \S+ \d+ \S+ )\d+( typ )/gm, (_line, head: string, tail: string) => `${head}9${tail}`);
