import { CliError } from '../runtime/cli-options';
import { runBrowserHost } from './run-browser-host';

runBrowserHost(process.argv.slice(2), 'started directly').catch((error: unknown) => {
  console.error(error instanceof CliError ? error.message : `Pilot Softphone could not start: ${(error as Error).message}`);
  process.exit(error instanceof CliError ? 2 : 1);
});
