import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CliError } from './runtime/cli-options';
import { runBrowserHost } from './web/run-browser-host';

/**
 * `npm start`: the desktop app when the Electron runtime is installed,
 * otherwise the browser host in the system Chromium. Says which, and why,
 * in one line.
 */
const electronBinary = (): { path: string } | { missing: string } => {
  try {
    // The electron package exports the runtime's path, and throws when the runtime was never downloaded.
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' ? { path } : { missing: 'the electron package did not name a runtime' };
  } catch (error) {
    return { missing: `the Electron runtime is not installed (${(error as Error).message.split('\n')[0]})` };
  }
};

const argv = process.argv.slice(2);
const electron = process.env.PILOT_FORCE_BROWSER_HOST ? { missing: 'PILOT_FORCE_BROWSER_HOST is set' } : electronBinary();

if ('path' in electron) {
  console.error(`Pilot Softphone opens as a desktop app in Electron (${electron.path}).`);
  const child = spawn(electron.path, [fileURLToPath(new URL('./electron.js', import.meta.url)), ...argv], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  runBrowserHost(argv, electron.missing).catch((error: unknown) => {
    console.error(error instanceof CliError ? error.message : `Pilot Softphone could not start: ${(error as Error).message}`);
    process.exit(error instanceof CliError ? 2 : 1);
  });
}
