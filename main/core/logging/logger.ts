import { mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino censors wherever they appear, so a key that slips into a log
 * call is written as `[secret]`. The call sites already avoid logging keys;
 * this is the second line.
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
}

export const createLogger = (options: LoggerOptions = {}): Logger =>
  pino(
    {
      level: options.level ?? process.env.PILOT_LOG_LEVEL ?? 'info',
      redact: { paths: redactedPaths, censor: '[secret]' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.file ? pino.destination({ dest: openLogFile(options.file), sync: false }) : pino.destination(1),
  );

/**
 * Opens the log file for appending, made private (folder 0700, file 0600) and
 * opened before the first line: an open left to the destination would happen
 * later, asynchronously, with the umask's permissions.
 */
const openLogFile = (file: string): number => {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  return openSync(file, 'a', 0o600);
};

/** A logger that drops everything, for unit tests that do not look at logs. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
