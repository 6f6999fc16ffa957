import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { redactedPaths } from '../../main/core/logging/logger';

export interface CapturedLog {
  logger: Logger;
  /** Lines logged since the last call, taken out of the capture. */
  drain(): string[];
  /** The secrets (of 6+ characters) that occur in lines logged since the last check; the lines are taken out. */
  secretsSinceLastCheck(secrets: Iterable<string>): string[];
  /** How many lines were logged in all. */
  readonly total: number;
}

/**
 * A logger configured like the app's (same redaction), writing into memory,
 * so a test can read every line the code under test logged and check that no
 * secret is in any of them.
 */
export const capturingLogger = (): CapturedLog => {
  let lines: string[] = [];
  let total = 0;
  const logger = pino(
    { level: 'debug', redact: { paths: redactedPaths, censor: '[secret]' }, base: undefined },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        total += 1;
        done();
      },
    }),
  );
  const drain = () => {
    const taken = lines;
    lines = [];
    return taken;
  };
  return {
    logger,
    drain,
    secretsSinceLastCheck: (secrets) => {
      const taken = drain();
      const list = [...secrets].filter((secret) => secret.length >= 6);
      return list.filter((secret) => taken.some((line) => line.includes(secret)));
    },
    get total() {
      return total;
    },
  };
};
