import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitAfterFailedStart } from './runtime/cli-options';
import { privateRuntimeDir } from './runtime/private-files';
import { runBrowserHost } from './web/run-browser-host';

/**
 * `npm start`: the desktop app when the Electron runtime is installed (or can
 * be fetched now), otherwise the browser host in the system Chromium. Says
 * which, and why, in one line.
 */
const require = createRequire(import.meta.url);
/** When fetching Electron last failed: in this user's private runtime folder, never the shared temp folder. */
const fetchMarker = (): string => join(privateRuntimeDir(), 'electron-fetch.json');
const dayMs = 24 * 60 * 60 * 1000;

type Runtime = { path: string } | { missing: string };

const electronBinary = (): Runtime => {
  try {
    // The electron package exports the runtime's path, and throws when the runtime was never downloaded.
    const path = require('electron') as unknown;
    return typeof path === 'string' ? { path } : { missing: 'the electron package did not name a runtime' };
  } catch {
    return { missing: 'the Electron runtime is not installed' };
  }
};

/** npm skips Electron's download (allowScripts); try it once a day, briefly, in case this machine can reach it. */
const tryFetchElectron = (reason: string): Runtime => {
  if (process.env.PILOT_NO_ELECTRON_FETCH) return { missing: `${reason} (fetching disabled)` };
  try {
    const last = JSON.parse(readFileSync(fetchMarker(), 'utf8')) as { failedAt: number; error: string };
    if (Date.now() - last.failedAt < dayMs) return { missing: `${reason} and could not be fetched earlier today (${last.error})` };
  } catch {
    // no earlier attempt
  }
  console.error('Pilot Softphone: fetching the Electron runtime…');
  const run = spawnSync(process.execPath, [require.resolve('electron/install.js')], { encoding: 'utf8', timeout: 180_000 });
  const installed = electronBinary();
  if ('path' in installed) return installed;
  const error = (run.stderr || run.error?.message || 'unknown error').split('\n').find((l) => /error|ENOTFOUND|EAI_AGAIN|timed out/i.test(l))?.trim() ?? 'download failed';
  writeFileSync(fetchMarker(), JSON.stringify({ failedAt: Date.now(), error }), { mode: 0o600 });
  return { missing: `${reason} and could not be fetched (${error})` };
};

const argv = process.argv.slice(2);
const found = electronBinary();
const electron = process.env.PILOT_FORCE_BROWSER_HOST
  ? { missing: 'PILOT_FORCE_BROWSER_HOST is set' }
  : 'path' in found
    ? found
    : tryFetchElectron(found.missing);

if ('path' in electron) {
  console.error(`Pilot Softphone opens as a desktop app in Electron (${electron.path}).`);
  const child = spawn(electron.path, [fileURLToPath(new URL('./electron.js', import.meta.url)), ...argv], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  runBrowserHost(argv, electron.missing).catch(exitAfterFailedStart);
}
