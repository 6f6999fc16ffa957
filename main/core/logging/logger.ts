import { pino, type Logger } from 'pino';
import { redactDeep, redactText } from './redaction';
import { defaultRotation, RotatingFile, type RotationOptions } from './rotating-file';

export type { Logger };

/**
 * Paths pino censors, so a key that slips into a log call is written as
 * `[secret]`. The call sites already avoid logging keys; this and the deep
 * redaction below (any depth, and `ps_...` inside any text) are the second line.
 */
export const redactedPaths = [
  'apiKey',
  '*.apiKey',
  'key',
  '*.key',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  'wsUrl',
  '*.wsUrl',
];

export interface LoggerOptions {
  /** File to append JSON lines to; stdout when absent. */
  file?: string;
  level?: string;
  /** Size-based rotation of the file (default: 5 MiB, 3 kept). */
  rotation?: RotationOptions;
}

export const createLogger = (options: LoggerOptions = {}): Logger =>
  pino(
    {
      level: options.level ?? process.env.PILOT_LOG_LEVEL ?? 'info',
      redact: { paths: redactedPaths, censor: '[secret]' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    options.file ? rotatingStream(new RotatingFile(options.file, options.rotation ?? defaultRotation)) : pino.destination(1),
  );

/** The rotating file as the stream pino writes to. */
const rotatingStream = (file: RotatingFile) => ({
  write: (line: string) => file.write(line),
  flush: (done?: (error?: Error) => void) => done?.(),
});

/** A logger that drops everything, for unit tests that do not look at logs. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
