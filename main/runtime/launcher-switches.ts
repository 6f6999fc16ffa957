/**
 * Switches that Linux launchers, desktop files and IT shortcuts add for
 * Chromium or Electron itself (`--no-sandbox` from AppImage's AppRun on
 * machines without user namespaces, `--ozone-platform-hint=auto` for
 * Wayland, proxy switches from IT). The app's own command line accepts and
 * ignores them: Chromium reads its own switches, and refusing them would
 * stop the app from starting at all. A typo of one of the app's own options
 * is still an error, because it matches none of these.
 */

/** Exact switch names (without the leading `--`). */
const names = new Set([
  'no-sandbox',
  'no-zygote',
  'no-proxy-server',
  'in-process-gpu',
  'ignore-gpu-blocklist',
  'ignore-gpu-blacklist',
  'lang',
  'js-flags',
  'v',
  'vmodule',
  'class',
  'name',
  'password-store',
  'high-dpi-support',
  'user-agent',
  'single-process',
  'test-type',
  'allow-file-access-from-files',
  'xdg-portal-required-version',
]);

/** Families of switches, by prefix. */
const prefixes = ['enable-', 'disable-', 'ozone-', 'use-', 'force-', 'gtk-', 'wayland-', 'proxy-', 'auth-', 'log-', 'disk-cache-', 'renderer-', 'gpu-'];

const switchShape = /^--([a-z0-9][a-z0-9_-]*)(=.*)?$/;

/** macOS Finder (before 10.9) passes a process serial number as `-psn_0_12345`. */
const finderSerial = /^-psn_\d+_\d+$/;

/**
 * Whether `arg` is a Chromium/Electron switch the app ignores. Switches that
 * take a value always come as `--name=value` from launchers, so no following
 * argument is consumed.
 */
export const isLauncherSwitch = (arg: string): boolean => {
  if (finderSerial.test(arg)) return true;
  const match = switchShape.exec(arg);
  if (!match) return false;
  const name = match[1]!.replaceAll('_', '-');
  return names.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
};

/** The URL schemes the app registers (installers' `protocols`); such an argument is a link the desktop opened. */
export const openedUrlSchemes = ['tel:', 'whatsapp:'] as const;

export const isOpenedUrl = (arg: string): boolean => openedUrlSchemes.some((scheme) => arg.toLowerCase().startsWith(scheme));
