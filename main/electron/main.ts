import { app, BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json';
import { exitAfterFailedStart, parseCliOptions } from '../runtime/cli-options';
import { startRuntime, type Runtime } from '../runtime/runtime';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createTranslator } from '../core/i18n/translator';
import { ElectronNotifier } from './electron-notifier';
import { installNavigationGuards, installPermissionHandlers } from './install-security';
import { createMainWindow } from './main-window';
import { registerMediaPorts } from './media-ports';
import { forwardEvents, registerContractIpc } from './register-ipc';
import { saveDialogDestination } from './save-dialog-destination';
import { installTray } from './install-tray';
import { registerLinkSchemes } from './link-schemes';
import { electronUpdateSetup } from './install-updates';
import { runElectronSelfTest } from './self-test';

/** The Electron host: thin glue around the same runtime the browser host uses. */
let window: BrowserWindow | null = null;
let runtime: Runtime | null = null;

const focusWindow = (): void => {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
};

const start = async (): Promise<void> => {
  if (options.dataDir) app.setPath('userData', options.dataDir);
  registerAppScheme();
  await app.whenReady();
  installPermissionHandlers();
  installNavigationGuards();
  serveRenderer(fileURLToPath(new URL('../renderer', import.meta.url)));
  runtime = await startRuntime({
    dataDir: app.getPath('userData'),
    host: 'electron',
    version: pkg.version,
    demo: options.demo,
    demoRingTimeoutMs: options.demoRingTimeoutMs,
    policyPlaces: { extraDirs: options.policyDir ? [options.policyDir] : [] },
    notifier: () => new ElectronNotifier(focusWindow),
    exportDestination: saveDialogDestination(() => window),
    updates: electronUpdateSetup(),
  });
  for (const { scheme, registered } of registerLinkSchemes(app)) {
    if (!registered) runtime.logger.warn({ scheme }, 'could not register the app for these links');
  }
  registerContractIpc(runtime.dispatch);
  registerMediaPorts(runtime.softphone.webMedia);
  window = createMainWindow(fileURLToPath(new URL('../preload/index.cjs', import.meta.url)));
  forwardEvents(runtime.events, window.webContents);
  const t = await createTranslator(runtime.softphone.info().locale);
  installTray(window, fileURLToPath(new URL('../icons/icon.png', import.meta.url)), { show: t('tray.show'), quit: t('tray.quit') });
  window.on('closed', () => {
    window = null;
  });
};

const options = (() => {
  try {
    return parseCliOptions(process.argv.slice(app.isPackaged ? 1 : 2));
  } catch (error) {
    return exitAfterFailedStart(error);
  }
})();
// Every renderer is sandboxed whatever a window asks for. A launcher's --no-sandbox (AppImage without user
// namespaces) turns Chromium's OS sandbox off; the app never does so itself, and says so when it happens.
app.enableSandbox();
if (options.ignoredSwitches.includes('--no-sandbox')) console.error('Pilot Softphone: started with --no-sandbox by its launcher; Chromium runs without its OS sandbox.');

if (options.selfTest) {
  runElectronSelfTest(options).then((code) => app.exit(code), exitAfterFailedStart);
} else if (!app.requestSingleInstanceLock()) {
  // Another instance owns the lines and the call log: hand over to it.
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  // The window only hides on close (tray); this fires when the app really quits.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void runtime?.close());
  start().catch(exitAfterFailedStart);
}
