import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';
import pkg from '../../package.json';
import { KeychainCredentialStore } from '../core/credentials/keychain-store';
import { silentLogger } from '../core/logging/logger';
import type { CliOptions } from '../runtime/cli-options';
import { runSelfTest, type SelfTestHost } from '../runtime/self-test/run-self-test';
import { formatSelfTestReport } from '../runtime/self-test/self-test-report';
import { simulatedAudioFrom, simulatedAudioSwitches } from '../runtime/self-test/simulated-audio';
import { startBrowserHost } from './browser-host';
import { appChromiumSwitches, findChromium } from './chromium';
import { DevtoolsPipe } from './devtools-pipe';
import { FreedesktopNotifier } from './freedesktop-notifier';

/**
 * `--self-test` in the browser host: the app window is a headless Chromium
 * page driven over the DevTools pipe, with the microphone granted to the
 * app's own origin only (no person is there to click Allow). Prints the
 * report and resolves the exit code: 0 when every check passed, else 1.
 */
export const runBrowserSelfTest = async (options: CliOptions): Promise<number> => {
  const simulated = simulatedAudioFrom(process.env.PILOT_SIMULATED_AUDIO_DEVICES);
  const notifier = new FreedesktopNotifier(silentLogger());
  const host: SelfTestHost = {
    host: 'browser',
    version: pkg.version,
    profileDir: options.dataDir ?? envPaths('pilot-softphone', { suffix: '' }).data,
    keychain: new KeychainCredentialStore(),
    notifier,
    audioDevices: simulated?.description ?? 'system',
    openWindow: async (runtime) => {
      const chromium = findChromium();
      if (!chromium) throw new Error('no Chromium or Chrome was found (set CHROME_PATH)');
      const server = await startBrowserHost({
        dispatch: runtime.softphone.dispatch,
        events: runtime.events,
        logger: runtime.logger,
        rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
        media: runtime.softphone.webMedia,
      });
      const profile = mkdtempSync(join(tmpdir(), 'pilot-self-test-chromium-'));
      const pipe = new DevtoolsPipe(chromium, ['--headless=new', ...appChromiumSwitches(profile), ...(simulated ? simulatedAudioSwitches(simulated, profile) : [])]);
      const close = async () => {
        await pipe.close();
        await server.close();
        rmSync(profile, { recursive: true, force: true });
      };
      try {
        await pipe.send('Browser.grantPermissions', { origin: server.origin, permissions: ['audioCapture'] });
        const probe = readFileSync(fileURLToPath(new URL('../self-test/audio-probe.js', import.meta.url)), 'utf8');
        const session = await pipe.openPage(server.windowUrl(), probe);
        return { evaluate: (expression) => pipe.evaluate(session, expression), close };
      } catch (error) {
        await close();
        throw error;
      }
    },
  };
  const report = await runSelfTest(host);
  notifier.dispose();
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatSelfTestReport(report));
  return report.ok ? 0 : 1;
};
