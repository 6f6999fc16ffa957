import { join } from 'node:path';
import { createInterface } from 'node:readline';
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
    policyPlaces: { extraDirs: options.policyDir ? [options.policyDir] : [] },
    notifier: (logger) => new FreedesktopNotifier(logger),
    call: options.call,
  });
  const host = await startBrowserHost({
    dispatch: runtime.dispatch,
    events: runtime.events,
    logger: runtime.logger,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    port: options.port,
    media: runtime.softphone.webMedia,
    locale: () => runtime.softphone.info().locale,
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
  const chromium = findChromium();
  const opensWindow = options.open && chromium !== null && hasDisplay();
  // The ready line names a window address only when the agent (or a script) must open it; the address holds a
  // one-time code, dead once a window used it. A window the host opens itself gets its own code.
  const ready = { ...(opensWindow ? {} : { url: host.windowUrl() }), origin: host.origin, dataDir, mode };
  process.stdout.write(`${JSON.stringify({ ready })}\n`);
  serveWindowRequests(() => host.windowUrl());

  if (!options.open) {
    console.error(`Pilot Softphone (${mode} mode) is serving the browser host at ${host.origin}: ${why}. Open the address printed above (it works once).`);
    return;
  }
  if (!opensWindow) {
    const reason = chromium ? 'no display is available' : 'no Chromium or Chrome was found (set CHROME_PATH)';
    console.error(`Pilot Softphone (${mode} mode) is serving the browser host at ${host.origin}, but ${reason}; open the address printed above in Chromium (it works once).`);
    return;
  }
  console.error(`Pilot Softphone (${mode} mode) opens in ${chromium} through the browser host: ${why}.`);
  const window = openAppWindow(chromium!, host.windowUrl(), join(dataDir, 'chromium-profile'), runtime.softphone.info().settings.windowSize);
  window.on('exit', () => void shutdown(0));
};

/**
 * A script that started the host (its stdin a pipe, not a terminal) gets
 * another one-time window address by writing the line `window`: the answer is
 * the stdout line `{"window":{"url":...}}`.
 */
const serveWindowRequests = (windowUrl: () => string): void => {
  if (process.stdin.isTTY) return;
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === 'window') process.stdout.write(`${JSON.stringify({ window: { url: windowUrl() } })}\n`);
  });
  // Nothing to read (stdin closed or /dev/null) must not keep the process alive.
  process.stdin.unref?.();
};
