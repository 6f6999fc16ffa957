import { parseArgs } from 'node:util';
import { numberToCall } from '../core/click-to-call/click-to-call';
import { isLauncherSwitch, isOpenedUrl } from './launcher-switches';

export interface CliOptions {
  dataDir: string | null;
  port: number;
  open: boolean;
  demo: boolean;
  demoRingTimeoutMs: number | undefined;
  /** `--self-test`: check this computer unattended, print a report and exit 0 or 1. */
  selfTest: boolean;
  /** `--json`: the self-test report as one JSON document. */
  json: boolean;
  /** `--policy-dir`: a policy folder read below this computer's own, to try a policy before rolling it out. */
  policyDir: string | null;
  /** `tel:` / `whatsapp:` links the desktop asked the app to open. */
  openUrls: string[];
  /** Chromium/Electron switches a launcher added; Chromium reads them, the app ignores them. */
  ignoredSwitches: string[];
  /** A number to open the dialer with (E.164), from `--call` or the last link opened; a copy already running gets it instead. */
  call: string | null;
}

const usage = `Usage: npm start -- [options]

Options:
  --data-dir DIR            profile folder (settings, call log, logs)
  --port N                  browser host port on 127.0.0.1 (default: any free port)
  --no-open                 do not open a window; print the address instead
  --no-demo                 never start the built-in simulator
  --demo-ring-timeout MS    how long a demo call rings before it is missed
  --policy-dir DIR          also read policy.json and policy.d/ from DIR, below this
                            computer's own policy (which wins key by key): to try a
                            policy before rolling it out
  --self-test               check this computer (keychain, call log, notifications,
                            microphone, speaker, one call of each kind) and exit 0 or 1
  --json                    with --self-test: print the report as JSON
  --call NUMBER             open the dialer with this number (or a tel: or WhatsApp
                            link); a copy already running on the profile gets it,
                            and this one exits
  tel:… whatsapp:…          the same, for a link the desktop opens the app with
  --help                    show this text

Chromium and Electron switches (--no-sandbox, --ozone-platform-hint=auto, ...)
are accepted and left to Chromium.`;

export class CliError extends Error {
  /** 0 for --help (the text is the answer), 2 for a mistake. */
  readonly exitCode: number = 2;
}

export class HelpRequested extends CliError {
  override readonly exitCode = 0;
}

/** The app's own options that take a value as the next argument. */
const valueOptions = new Set(['--data-dir', '--port', '--demo-ring-timeout', '--policy-dir', '--call']);

/** Sorts the arguments into the app's own, launcher switches and opened links. */
const sortArguments = (argv: readonly string[]): { own: string[]; ignoredSwitches: string[]; openUrls: string[] } => {
  const own: string[] = [];
  const ignoredSwitches: string[] = [];
  const openUrls: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (valueOptions.has(arg)) {
      own.push(arg);
      if (i + 1 < argv.length) own.push(argv[++i]!);
    } else if (isLauncherSwitch(arg)) {
      ignoredSwitches.push(arg);
    } else if (isOpenedUrl(arg)) {
      openUrls.push(arg);
    } else {
      own.push(arg);
    }
  }
  return { own, ignoredSwitches, openUrls };
};

/**
 * Parses the command line shared by both hosts. Unknown options are an
 * error with the usage text; Chromium/Electron switches that launchers add
 * are accepted and ignored (never acted on: the app does not turn its
 * sandbox off because a launcher asked Chromium to).
 */
export const parseCliOptions = (argv: readonly string[]): CliOptions => {
  const { own, ignoredSwitches, openUrls } = sortArguments(argv);
  let values;
  try {
    ({ values } = parseArgs({
      args: own,
      strict: true,
      allowPositionals: false,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        'no-demo': { type: 'boolean' },
        'demo-ring-timeout': { type: 'string' },
        'policy-dir': { type: 'string' },
        'self-test': { type: 'boolean' },
        json: { type: 'boolean' },
        call: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
  if (values.help) throw new HelpRequested(usage);
  if (values.json && !values['self-test']) throw new CliError(`--json goes with --self-test\n${usage}`);
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
    policyDir: values['policy-dir'] ?? null,
    selfTest: Boolean(values['self-test']),
    json: Boolean(values.json),
    openUrls,
    ignoredSwitches,
    call: callOption(values.call ?? openUrls.at(-1)),
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
