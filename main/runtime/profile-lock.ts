import { createHash } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { CliError } from './cli-options';
import { privateRuntimeDir } from './private-files';

/** Another copy of the app runs with this profile folder. */
export class ProfileInUse extends CliError {
  override readonly exitCode = 3;
}

/** A second start handed its number to the copy already running; this one has nothing left to do. */
export class HandedOver extends CliError {
  override readonly exitCode = 0;
}

/** What a second start asks of the running copy: open the dialer with a number. Answers a sentence when it cannot. */
export type ForwardedCallHandler = (number: string) => Promise<void> | void;

export interface ProfileLock {
  /** Takes the numbers later starts hand over (held until a handler is set). */
  onForwardedCall(handler: ForwardedCallHandler): void;
  release(): Promise<void>;
}

export interface LockOptions {
  /** A number (E.164) to hand to a copy already running on the profile, instead of being refused. */
  forwardCall?: string | null;
}

/** One request per connection: a JSON line in, a JSON line out. Small, so a stray client cannot make the app buffer much. */
const maxRequestBytes = 2048;
const requestTimeoutMs = 5000;

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

/** Reads one line (at most `maxRequestBytes`) from a socket; null when none came in time. */
const readLine = (socket: Socket): Promise<string | null> =>
  new Promise((resolveLine) => {
    let received = '';
    const done = (line: string | null) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      resolveLine(line);
    };
    const timer = setTimeout(() => done(null), requestTimeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      const end = received.indexOf('\n');
      if (end !== -1) done(received.slice(0, end));
      else if (received.length > maxRequestBytes) done(null);
    });
    socket.once('end', () => done(null));
    socket.once('error', () => done(null));
  });

/** The running copy's side: answers one forwarded number per connection; the older "is anyone there?" probe sends nothing and is let go. */
const serveRequests = (socket: Socket, handle: (number: string) => Promise<void>): void => {
  socket.on('error', () => {});
  void readLine(socket).then(async (line) => {
    let reply: { ok: boolean; message?: string } = { ok: false, message: 'not a request' };
    try {
      const request = line === null ? null : (JSON.parse(line) as { call?: unknown });
      if (request && typeof request.call === 'string' && request.call.length <= 200) {
        await handle(request.call);
        reply = { ok: true };
      }
    } catch (error) {
      reply = { ok: false, message: (error as Error).message };
    }
    if (line !== null && !socket.destroyed) socket.end(`${JSON.stringify(reply)}\n`);
    else socket.destroy();
  });
};

/** The second start's side: hands the number over and waits for the running copy's answer. */
const forward = (address: string, number: string): Promise<{ ok: boolean; message?: string }> =>
  new Promise((resolveReply, reject) => {
    const socket = createConnection(address);
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(`${JSON.stringify({ call: number })}\n`);
      void readLine(socket).then((line) => {
        socket.destroy();
        if (line === null) reject(new Error('the running copy did not answer'));
        else resolveReply(JSON.parse(line) as { ok: boolean; message?: string });
      });
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
 * is taken over). A later start with a number to dial (`--call`, a link)
 * hands the number to the running copy over that socket and exits.
 */
export const lockProfile = async (dataDir: string, options: LockOptions = {}): Promise<ProfileLock> => {
  const address = lockAddress(dataDir);
  let handler: ForwardedCallHandler | null = null;
  const waiting: { number: string; done: (error?: Error) => void }[] = [];
  const handle = (number: string): Promise<void> =>
    new Promise((resolveHandled, reject) => {
      const done = (error?: Error) => (error ? reject(error) : resolveHandled());
      if (!handler) waiting.push({ number, done });
      else Promise.resolve(handler(number)).then(() => done(), done);
    });
  const server = createServer((socket) => serveRequests(socket, handle));
  try {
    await listen(server, address);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (await someoneAnswers(address)) {
      if (options.forwardCall) {
        const reply = await forward(address, options.forwardCall);
        if (!reply.ok) throw new CliError(`The running copy of Pilot Softphone could not take the number: ${reply.message ?? 'no reason given'}`);
        throw new HandedOver(`Pilot Softphone is already running with the profile folder ${dataDir}: its dialer now shows ${options.forwardCall}.`);
      }
      throw new ProfileInUse(
        `Pilot Softphone is already running with the profile folder ${dataDir}: use its window. ` +
          'A second copy would ring every call twice. To run another set of lines alongside it, start it with --data-dir and a different folder.',
      );
    }
    if (process.platform !== 'win32') rmSync(address, { force: true });
    await listen(server, address);
  }
  // Only this user may hand numbers over (the folders holding the socket are private too).
  if (process.platform !== 'win32') chmodSync(address, 0o600);
  // The lock never keeps the process alive by itself.
  server.unref();
  return {
    onForwardedCall: (next) => {
      handler = next;
      for (const request of waiting.splice(0)) Promise.resolve(next(request.number)).then(() => request.done(), request.done);
    },
    release: () => new Promise((done) => server.close(() => done())),
  };
};
