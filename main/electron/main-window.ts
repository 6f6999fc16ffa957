import { BrowserWindow } from 'electron';
import type { Settings } from '../../preload/contract';
import { appOrigin } from './security-policy';
import { windowOptions } from './window-options';

/**
 * The agent's window with the security defaults that are never relaxed:
 * context isolation, sandbox, no Node in the renderer, no webviews. It opens
 * phone-sized, or at the size the agent left it, on top of other windows if
 * they asked for that.
 */
export const createMainWindow = (
  preloadPath: string,
  settings: Pick<Settings, 'windowSize' | 'alwaysOnTop' | 'locale'> = { windowSize: null, alwaysOnTop: false, locale: 'en' },
): BrowserWindow => {
  const window = new BrowserWindow({
    ...windowOptions(settings),
    show: false,
    title: 'Pilot Softphone',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
      // A ringing call must play its ringtone and keep polling-driven views current when hidden.
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  window.once('ready-to-show', () => window.show());
  // The agent's language in the address: the window loads its messages beside its own code.
  void window.loadURL(`${appOrigin}/#lang=${settings.locale}`);
  return window;
};
