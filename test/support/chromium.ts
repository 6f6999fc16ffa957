/**
 * Debian's Chromium, with the flags this machine needs (no sandbox as root,
 * no GPU, no background traffic on a closed network) and fake media devices.
 * Playwright's own browser download is never used.
 */
export const chromiumExecutable = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = (extra: string[] = []): string[] => [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  ...extra,
];
