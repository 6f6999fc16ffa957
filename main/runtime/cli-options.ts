import { parseArgs } from 'node:util';
import { isCallLink } from '../../preload/contract';
import { numberToCall } from '../core/click-to-call/click-to-call';

export interface CliOptions {
  dataDir: string | null;
  port: number;
  open: boolean;
  demo: boolean;
  demoRingTimeoutMs: number | undefined;
  /** A number to open the dialer with (E.164), from `--call` or a tel:/WhatsApp link; a running copy gets it instead. */
  call: string | null;
}

const usage = `Usage: npm start -- [options]

Options:
  --data-dir DIR            profile folder (settings, call log, logs)
  --port N                  browser host port on 127.0.0.1 (default: any free port)
  --no-open                 do not open a window; print the address instead
  --no-demo                 never start the built-in simulator
  --demo-ring-timeout MS    how long a demo call rings before it is missed
  --call NUMBER             open the dialer with this number (a copy already
                            running on the profile gets it, and this one exits)
  tel:… whatsapp:… https://wa.me/…
                            the same, for a link the desktop opens the app with
  --help                    show this text`;

export class CliError extends Error {
  /** 0 for --help (the text is the answer), 2 for a mistake. */
  readonly exitCode: number = 2;
}

export class HelpRequested extends CliError {
  override readonly exitCode = 0;
}

/** Parses the command line shared by both hosts; unknown options are an error with the usage text. */
export const parseCliOptions = (argv: readonly string[]): CliOptions => {
  let values;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        'no-demo': { type: 'boolean' },
        'demo-ring-timeout': { type: 'string' },
        call: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    ({ positionals } = parsed);
    values = parsed.values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
  if (values.help) throw new HelpRequested(usage);
  const stray = positionals.find((argument) => !isCallLink(argument));
  if (stray !== undefined) throw new CliError(`Unexpected argument "${stray}"\n${usage}`);
  const call = callOption(values.call ?? positionals.at(-1));
  const number = (name: string, text: string | undefined, min: number, max: number): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new CliError(`--${name} must be a whole number from ${min} to ${max}\n${usage}`);
    return value;
  };
  return {
    dataDir: values['data-dir'] ?? null,
    port: number('port', values.port, 0, 65535) ?? 0,
    open: !values['no-open'],
    demo: !values['no-demo'],
    demoRingTimeoutMs: number('demo-ring-timeout', values['demo-ring-timeout'], 1000, 600_000),
    call,
  };
};

/** The number `--call` or a link names, checked here so junk is refused before anything starts. */
const callOption = (text: string | undefined): string | null => {
  if (text === undefined) return null;
  try {
    return numberToCall(text);
  } catch (error) {
    const reason = (error as { code?: string }).code === 'CALL_LINK_EMPTY' ? 'has no phone number in it' : 'is not a phone number that can be called';
    throw new CliError(`"${text}" ${reason}. Give the number with its area code, e.g. --call "(11) 98765-4321", or with + and the country code.`);
  }
};

/** Ends the process after a failed start: usage mistakes and --help print their text, anything else says it could not start. */
export const exitAfterFailedStart = (error: unknown): never => {
  if (error instanceof CliError) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  console.error(`Pilot Softphone could not start: ${(error as Error).message}`);
  process.exit(1);
};
