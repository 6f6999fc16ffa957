import { BrowserWindow } from 'electron';
import { appOrigin } from './security-policy';

/**
 * The agent's window with the security defaults that are never relaxed:
 * context isolation, sandbox, no Node in the renderer, no webviews.
 */
export const createMainWindow = (preloadPath: string): BrowserWindow => {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 720,
    minHeight: 560,
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
  void window.loadURL(`${appOrigin}/`);
  return window;
};
