/**
 * What the window does with the one-time code in its address: exchanges it
 * once, from the host's own origin, for this launch's session secret.
 * `fetch` from Node sends no Origin by itself, so the page's is given.
 */
export const redeemLaunchCode = async (windowUrl: string): Promise<Response> => {
  const url = new URL(windowUrl);
  const code = /(?:^#|&)code=([^&]+)/.exec(url.hash)?.[1] ?? '';
  return fetch(`${url.origin}/session`, { method: 'POST', headers: { origin: url.origin, 'x-pilot-launch-code': code } });
};

/** The session secret for a window address (its code is used up). */
export const sessionSecretFor = async (windowUrl: string): Promise<string> => {
  const response = await redeemLaunchCode(windowUrl);
  if (!response.ok) throw new Error(`launch code refused: HTTP ${response.status}`);
  return ((await response.json()) as { secret: string }).secret;
};
