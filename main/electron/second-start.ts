import { isCallLink } from '../../preload/contract';
import { numberToCall } from '../core/click-to-call/click-to-call';

/**
 * The number a second start of the desktop app carries, from its command
 * line as Electron hands it to the first (`--call N`, `--call=N` or a
 * tel:/WhatsApp link, among whatever switches Chromium adds). Null when it
 * carries none; a sentence-bearing error when what it carries is no number.
 */
export const callInArgv = (argv: readonly string[]): string | null => {
  let text: string | undefined;
  argv.forEach((argument, index) => {
    if (argument === '--call') text = argv[index + 1];
    else if (argument.startsWith('--call=')) text = argument.slice('--call='.length);
    else if (isCallLink(argument)) text = argument;
  });
  return text === undefined ? null : numberToCall(text);
};
