import { app, BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json';
import type { AvailabilityView } from '../../preload/contract';
import { exitAfterFailedStart, parseCliOptions } from '../runtime/cli-options';
import { startRuntime, type Runtime } from '../runtime/runtime';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createTranslator } from '../core/i18n/translator';
import { ElectronNotifier } from './electron-notifier';
import { installGlobalShortcuts } from './install-global-shortcuts';
import { installNavigationGuards, installPermissionHandlers } from './install-security';
import { installWindowState } from './install-window-state';
import { createMainWindow } from './main-window';
import { registerMediaPorts } from './media-ports';
import { forwardEvents, registerContractIpc } from './register-ipc';
import { saveDialogDestination } from './save-dialog-destination';
import { callInArgv } from './second-start';
import { installTray } from './install-tray';
import { registerLinkSchemes } from './link-schemes';
import { electronUpdateSetup } from './install-updates';
import { runElectronSelfTest } from './self-test';

/** The Electron host: thin glue around the same runtime the browser host uses. */
let window: BrowserWindow | null = null;
let runtime: Runtime | null = null;
/** Links the OS opened the app with before the runtime was up (macOS sends them that early). */
const earlyLinks: string[] = [];

const focusWindow = (): void => {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
};

const dialFromOutside = (text: string, source: 'link' | 'second-start'): void => {
  if (!runtime) {
    earlyLinks.push(text);
    return;
  }
  try {
    runtime.softphone.clickToCall.request(text, source);
  } catch (error) {
    runtime.logger.warn({ code: (error as { code?: string }).code, source }, 'number to dial refused');
  }
};

const start = async (): Promise<void> => {
  registerAppScheme();
  await app.whenReady();
  installPermissionHandlers();
  installNavigationGuards();
  serveRenderer(fileURLToPath(new URL('../renderer', import.meta.url)));
  const started = await startRuntime({
    dataDir: app.getPath('userData'),
    host: 'electron',
    version: pkg.version,
    demo: options.demo,
    demoRingTimeoutMs: options.demoRingTimeoutMs,
    policyPlaces: { extraDirs: options.policyDir ? [options.policyDir] : [] },
    notifier: () => new ElectronNotifier(focusWindow),
    exportDestination: saveDialogDestination(() => window),
    updates: electronUpdateSetup(),
    call: options.call,
  });
  runtime = started;
  const { softphone } = started;
  for (const { scheme, registered } of registerLinkSchemes(app)) {
    if (!registered) started.logger.warn({ scheme }, 'could not register the app for these links');
  }
  registerContractIpc(started.dispatch);
  registerMediaPorts(softphone.webMedia);
  const settings = () => softphone.info().settings;
  window = createMainWindow(fileURLToPath(new URL('../preload/index.cjs', import.meta.url)), settings());
  forwardEvents(started.events, window.webContents);
  const applyWindow = installWindowState(window, settings, (windowSize) => void softphone.dispatch('settings.update', { windowSize }));
  const applyShortcuts = installGlobalShortcuts(
    (action) => void softphone.hotkey(action).catch((error: unknown) => started.logger.warn({ action, err: error }, 'system-wide shortcut failed')),
    (refused) => softphone.reportGlobalShortcuts(refused),
  );
  const t = await createTranslator(softphone.info().locale);
  const status = { available: t('availability.available'), away: t('availability.away'), dnd: t('availability.dnd'), busy: t('availability.busy'), 'wrap-up': t('availability.wrapUp') };
  const tray = installTray(window, fileURLToPath(new URL('../icons/icon.png', import.meta.url)), { show: t('tray.show'), quit: t('tray.quit'), status }, (choice) =>
    softphone.availability.set(choice),
  );
  tray.show(softphone.availability.view());
  applyShortcuts(settings());
  started.events.subscribe((event, payload) => {
    if (event === 'availability.changed') tray.show(payload as AvailabilityView);
    if (event === 'app.changed') {
      applyWindow(settings());
      applyShortcuts(settings());
    }
    // A number to dial came from outside: the agent sees the dialer with it.
    if (event === 'dialer.prefill') focusWindow();
  });
  for (const link of earlyLinks.splice(0)) dialFromOutside(link, 'link');
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
// The profile decides which copy is "the" running one, so it is set before the single-instance lock is asked for.
if (options.dataDir) app.setPath('userData', options.dataDir);

if (options.selfTest) {
  runElectronSelfTest(options).then((code) => app.exit(code), exitAfterFailedStart);
} else if (!app.requestSingleInstanceLock()) {
  // Another instance owns the lines and the call log: it got this start's command line (and any number in it).
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    focusWindow();
    try {
      const number = callInArgv(argv);
      if (number) dialFromOutside(number, 'second-start');
    } catch (error) {
      runtime?.logger.warn({ code: (error as { code?: string }).code }, 'a second start carried no number to dial');
    }
  });
  // macOS hands tel: and whatsapp: links over as events, not arguments.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    dialFromOutside(url, 'link');
  });
  // The window only hides on close (tray); this fires when the app really quits.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void runtime?.close());
  start().catch(exitAfterFailedStart);
}
