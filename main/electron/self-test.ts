import { app } from 'electron';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json';
import { KeychainCredentialStore } from '../core/credentials/keychain-store';
import type { CliOptions } from '../runtime/cli-options';
import { runSelfTest } from '../runtime/self-test/run-self-test';
import { formatSelfTestReport } from '../runtime/self-test/self-test-report';
import { simulatedAudioFrom, simulatedAudioSwitches } from '../runtime/self-test/simulated-audio';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { ElectronNotifier } from './electron-notifier';
import { installNavigationGuards, installPermissionHandlers } from './install-security';
import { createMainWindow } from './main-window';
import { registerMediaPorts } from './media-ports';
import { forwardEvents, registerContractIpc } from './register-ipc';

/**
 * `--self-test` in the desktop app: the same checks as the browser host,
 * with Electron's keychain access, notifications and window (the security
 * defaults unchanged; the probe is run in the page, after it loaded).
 * Electron's own profile is a temporary folder, so a running copy of the
 * app is neither asked to take over nor disturbed.
 */
export const runElectronSelfTest = async (options: CliOptions): Promise<number> => {
  const profileDir = options.dataDir ?? app.getPath('userData');
  const scratch = mkdtempSync(join(tmpdir(), 'pilot-self-test-electron-'));
  app.setPath('userData', scratch);
  const simulated = simulatedAudioFrom(process.env.PILOT_SIMULATED_AUDIO_DEVICES);
  for (const flag of simulated ? simulatedAudioSwitches(simulated, scratch) : []) {
    const [name, value] = flag.replace(/^--/, '').split(/=(.*)/s);
    app.commandLine.appendSwitch(name!, value);
  }
  registerAppScheme();
  await app.whenReady();
  installPermissionHandlers();
  installNavigationGuards();
  serveRenderer(fileURLToPath(new URL('../renderer', import.meta.url)));
  const notifier = new ElectronNotifier(() => {});
  const report = await runSelfTest({
    host: 'electron',
    version: pkg.version,
    profileDir,
    keychain: new KeychainCredentialStore(),
    notifier,
    audioDevices: simulated?.description ?? 'system',
    openWindow: async (runtime) => {
      registerContractIpc(runtime.softphone.dispatch);
      registerMediaPorts(runtime.softphone.webMedia);
      const window = createMainWindow(fileURLToPath(new URL('../preload/index.cjs', import.meta.url)));
      forwardEvents(runtime.events, window.webContents);
      await new Promise<void>((resolve) => window.webContents.once('did-finish-load', () => resolve()));
      await window.webContents.executeJavaScript(readFileSync(fileURLToPath(new URL('../self-test/audio-probe.js', import.meta.url)), 'utf8'));
      return {
        evaluate: (expression) => window.webContents.executeJavaScript(expression, true),
        close: async () => window.destroy(),
      };
    },
  });
  notifier.dispose();
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatSelfTestReport(report));
  return report.ok ? 0 : 1;
};
