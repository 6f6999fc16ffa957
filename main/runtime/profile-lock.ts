import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { CliError } from './cli-options';
import { privateRuntimeDir } from './private-files';

/** Another copy of the app runs with this profile folder. */
export class ProfileInUse extends CliError {
  override readonly exitCode = 3;
}

export interface ProfileLock {
  release(): Promise<void>;
}

/** Longest Unix socket path every platform accepts (sun_path is 104 bytes on macOS). */
const maxSocketPath = 100;

/**
 * Where the lock listens: a Unix socket in the profile folder (or, when that
 * path is too long for a socket, in this user's private runtime folder under
 * a hash of the profile folder: never in the shared temp folder, where
 * another user could take the name first), a named pipe on Windows.
 */
export const lockAddress = (dataDir: string): string => {
  const hash = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  if (process.platform === 'win32') return `\\\\.\\pipe\\pilot-softphone-${hash}`;
  const inProfile = join(dataDir, 'instance.sock');
  return Buffer.byteLength(inProfile) <= maxSocketPath ? inProfile : join(privateRuntimeDir(), `${hash}.sock`);
};

const listen = (server: Server, address: string): Promise<void> =>
  new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolveListen();
    });
  });

const someoneAnswers = (address: string): Promise<boolean> =>
  new Promise((resolveAnswer) => {
    const socket = createConnection(address);
    socket.once('connect', () => {
      socket.destroy();
      resolveAnswer(true);
    });
    socket.once('error', () => resolveAnswer(false));
  });

/**
 * One running copy per profile folder. Two copies on one profile would ring
 * every call twice, answer it from two windows and write one call log from
 * two processes, so the second is refused with a sentence saying what to do.
 * The lock is a listening socket rather than a lock file: the operating
 * system lets go of it when the process dies, even by SIGKILL, so a crash
 * never leaves the profile locked (a leftover socket file nobody answers on
 * is taken over).
 */
export const lockProfile = async (dataDir: string): Promise<ProfileLock> => {
  const address = lockAddress(dataDir);
  const server = createServer((socket) => socket.end());
  try {
    await listen(server, address);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (await someoneAnswers(address)) {
      throw new ProfileInUse(
        `Pilot Softphone is already running with the profile folder ${dataDir}: use its window. ` +
          'A second copy would ring every call twice. To run another set of lines alongside it, start it with --data-dir and a different folder.',
      );
    }
    if (process.platform !== 'win32') rmSync(address, { force: true });
    await listen(server, address);
  }
  // The lock never keeps the process alive by itself.
  server.unref();
  return { release: () => new Promise((done) => server.close(() => done())) };
};
