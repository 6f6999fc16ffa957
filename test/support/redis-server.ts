import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { freePort } from './free-port';
import { tempDir } from './temp-dir';

export interface PrivateRedis {
  /** `redis://:password@127.0.0.1:port`, for `REDIS_URL`. */
  url: string;
  port: number;
  /** A new client on the instance (the caller closes it). */
  client(): Redis;
  stop(): Promise<void>;
}

const redisBin = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

/**
 * A private `redis-server` on a loopback port with a password, its files in
 * a temporary folder, no persistence. Resolves once it answers PING.
 */
export const startRedis = async (): Promise<PrivateRedis> => {
  const dir = tempDir('pilot-redis-');
  const password = randomBytes(18).toString('hex');
  for (let attempt = 0; ; attempt += 1) {
    const port = await freePort();
    const child = spawn(
      redisBin,
      ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--appendonly', 'no', '--dir', dir.path, '--loglevel', 'warning'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = `redis://:${password}@127.0.0.1:${port}`;
    if (await answersPing(url, child)) {
      return {
        url,
        port,
        client: () => new Redis(url, { maxRetriesPerRequest: 2 }),
        stop: async () => {
          await stopChild(child);
          dir.remove();
        },
      };
    }
    await stopChild(child);
    // Another process took the port between probing and binding: try another.
    if (attempt >= 3) {
      dir.remove();
      throw new Error(`redis-server did not start: ${output.trim()}`);
    }
  }
};

const answersPing = async (url: string, child: ChildProcess): Promise<boolean> => {
  const exited = once(child, 'exit').then(() => false);
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // Refused connections while the server starts are expected; each attempt's own promise reports them.
  client.on('error', () => undefined);
  const ready = (async () => {
    for (let i = 0; i < 200; i += 1) {
      try {
        if (client.status !== 'ready') await client.connect();
        return (await client.ping()) === 'PONG';
      } catch {
        if (child.exitCode !== null) return false;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    return false;
  })();
  const result = await Promise.race([ready, exited]);
  client.disconnect();
  return result;
};

export const stopChild = async (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
};
