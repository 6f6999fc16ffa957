import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where Chromium-family browsers live on each platform; `CHROME_PATH` wins. */
const candidates = (): string[] => {
  const fromEnv = process.env.CHROME_PATH ? [process.env.CHROME_PATH] : [];
  if (process.platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (process.platform === 'win32') {
    const roots = [process.env['PROGRAMFILES'], process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter(Boolean) as string[];
    return [
      ...fromEnv,
      ...roots.flatMap((root) => [join(root, 'Google/Chrome/Application/chrome.exe'), join(root, 'Microsoft/Edge/Application/msedge.exe')]),
    ];
  }
  return [...fromEnv, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
};

export const findChromium = (): string | null => candidates().find((path) => existsSync(path)) ?? null;

/** Whether a window can be shown at all (Linux without X11 or Wayland cannot). */
export const hasDisplay = (): boolean =>
  process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

/** A phone-sized window the first time; the size the agent left it at afterwards (the window reports it). */
export const firstWindowSize = { width: 400, height: 700 } as const;

/**
 * Opens the app as a Chromium app window (no tabs, no address bar) with its
 * own profile in the data folder, so microphone grants stick to the app and
 * not to the agent's everyday browser.
 */
export const openAppWindow = (executable: string, url: string, profileDir: string, size: { width: number; height: number } | null = null): ChildProcess =>
  spawn(
    executable,
    [`--app=${url}`, ...appChromiumSwitches(profileDir), `--window-size=${size?.width ?? firstWindowSize.width},${size?.height ?? firstWindowSize.height}`, '--class=PilotSoftphone'],
    { stdio: 'ignore' },
  );

/**
 * The switches every Chromium the app starts gets (its window, the self-test's, the launch benchmark's): its own
 * profile, nothing reaching out to Google's services, sound allowed without a click. Chromium refuses to run as root
 * with its sandbox, so only there it runs without one.
 */
export const appChromiumSwitches = (profileDir: string): string[] => [
  `--user-data-dir=${profileDir}`,
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];
