import { exitAfterFailedStart } from '../runtime/cli-options';
import { runBrowserHost } from './run-browser-host';

runBrowserHost(process.argv.slice(2), 'started directly').catch(exitAfterFailedStart);
