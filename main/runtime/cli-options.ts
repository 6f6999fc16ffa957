import { parseArgs } from 'node:util';

export interface CliOptions {
  dataDir: string | null;
  port: number;
  open: boolean;
  demo: boolean;
  demoRingTimeoutMs: number | undefined;
}

const usage = `Usage: npm start -- [options]

Options:
  --data-dir DIR            profile folder (settings, call log, logs)
  --port N                  browser host port on 127.0.0.1 (default: any free port)
  --no-open                 do not open a window; print the address instead
  --no-demo                 never start the built-in simulator
  --demo-ring-timeout MS    how long a demo call rings before it is missed
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
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        'no-demo': { type: 'boolean' },
        'demo-ring-timeout': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
  if (values.help) throw new HelpRequested(usage);
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
  };
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
