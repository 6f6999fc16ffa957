/**
 * Rules for a line's Pilot Status address, shared by the contract's request
 * schemas and the main side. Plain functions, no zod, no Node: the renderer
 * may import them as types only, the main side as code.
 *
 * A line's API key is sent to its address on every poll, so the address
 * decides where the key goes: `https` only (plain `http` only to this
 * machine, for the simulator and local proxies), no credentials or query in
 * it, and a key goes only to the origin it was entered for.
 */

/** Why an address cannot be a line's Pilot Status address; the codes have sentences in the locales. */
export type PilotAddressProblem = 'BASE_URL_FORMAT' | 'BASE_URL_INSECURE';

const parse = (text: string): URL | null => {
  try {
    return new URL(text.trim());
  } catch {
    return null;
  }
};

/** This machine: `localhost`, 127.0.0.0/8 or `[::1]`. Nothing else is reachable without leaving it. */
export const isLoopbackHost = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/** Whether a URL is `https`, or `http` to this machine: the only places a key may travel to. */
export const isSecureOrLoopback = (url: URL): boolean =>
  url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));

/** What is wrong with an address the agent typed, or null when it can be used. */
export const pilotAddressProblem = (text: string): PilotAddressProblem | null => {
  const url = parse(text);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    return 'BASE_URL_FORMAT';
  }
  return isSecureOrLoopback(url) ? null : 'BASE_URL_INSECURE';
};

/**
 * The address as the app stores and uses it: no trailing slashes and no
 * trailing `/v1` (the app appends `/v1/calls` itself; an address copied from
 * the API documentation often ends in `/v1`). A path prefix of a proxy is kept.
 */
export const normalizePilotAddress = (text: string): string => {
  let address = text.trim().replace(/\/+$/, '');
  while (/\/v1$/i.test(address)) address = address.slice(0, -3).replace(/\/+$/, '');
  return address;
};

/** `scheme://host:port` of an address, or null when it is not a URL. */
export const originOf = (address: string): string | null => parse(address)?.origin ?? null;

/**
 * Whether a key entered for `keyAddress` may be sent to `newAddress`: only to
 * the same origin (scheme, host and port). A line moved to another origin
 * needs its key typed again, so changing the address alone can never hand the
 * stored key to someone else.
 */
export const keyMayGoTo = (keyAddress: string, newAddress: string): boolean => {
  const from = originOf(keyAddress);
  return from !== null && from === originOf(newAddress);
};
