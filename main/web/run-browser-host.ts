import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';
import pkg from '../../package.json';
import { parseCliOptions } from '../runtime/cli-options';
import { startRuntime } from '../runtime/runtime';
import { startBrowserHost } from './browser-host';
import { runBrowserSelfTest } from './browser-self-test';
import { findChromium, hasDisplay, openAppWindow } from './chromium';
import { FreedesktopNotifier } from './freedesktop-notifier';

/**
 * The browser host: the core in this Node process, the renderer in the
 * system Chromium as an app window. Prints one JSON line `{"ready":...}` on
 * stdout once it serves, for scripts and tests.
 */
export const runBrowserHost = async (argv: readonly string[], why: string): Promise<void> => {
  const options = parseCliOptions(argv);
  if (options.selfTest) process.exit(await runBrowserSelfTest(options));
  const dataDir = options.dataDir ?? envPaths('pilot-softphone', { suffix: '' }).data;
  const runtime = await startRuntime({
    dataDir,
    host: 'browser',
    version: pkg.version,
    demo: options.demo,
    demoRingTimeoutMs: options.demoRingTimeoutMs,
    notifier: (logger) => new FreedesktopNotifier(logger),
    call: options.call,
  });
  const host = await startBrowserHost({
    dispatch: runtime.softphone.dispatch,
    events: runtime.events,
    logger: runtime.logger,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    port: options.port,
    media: runtime.softphone.webMedia,
  });

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    await host.close();
    await runtime.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const mode = runtime.softphone.info().mode;
  process.stdout.write(`${JSON.stringify({ ready: { url: host.appUrl, origin: host.origin, dataDir, mode } })}\n`);

  const chromium = findChromium();
  if (!options.open) {
    console.error(`Pilot Softphone (${mode} mode) is serving the browser host at ${host.origin}: ${why}. Open the address printed above.`);
    return;
  }
  if (!chromium || !hasDisplay()) {
    const reason = chromium ? 'no display is available' : 'no Chromium or Chrome was found (set CHROME_PATH)';
    console.error(`Pilot Softphone (${mode} mode) is serving the browser host at ${host.origin}, but ${reason}; open the address printed above in Chromium.`);
    return;
  }
  console.error(`Pilot Softphone (${mode} mode) opens in ${chromium} through the browser host: ${why}.`);
  const window = openAppWindow(chromium, host.appUrl, join(dataDir, 'chromium-profile'), runtime.softphone.info().settings.windowSize);
  window.on('exit', () => void shutdown(0));
};
