import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';
import { stopChild } from './redis-server';
import { tempDir } from './temp-dir';

export interface PrivatePostgres {
  /** `postgres://postgres:password@127.0.0.1:port/postgres`, for `DATABASE_URL`. */
  url: string;
  port: number;
  /** A fresh, empty database on this cluster; its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const binDir = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/** PostgreSQL refuses to run as root: the harness runs it as `postgres` then. */
const runAs = (): Pick<SpawnOptions, 'uid' | 'gid'> => {
  if (process.getuid?.() !== 0) return {};
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) throw new Error('running as root needs a "postgres" user to run PostgreSQL as');
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
};

export interface StartPostgresOptions {
  /** Keep the cluster in this folder (created on first use) instead of a temporary one; for benchmarks. */
  dataDir?: string;
}

/**
 * A private PostgreSQL 15 cluster: `initdb` in a temporary folder (password
 * auth, UTF-8), `postgres` on a free loopback port, no Unix socket outside
 * its folder. fsync is off: the cluster is thrown away with the folder.
 */
export const startPostgres = async (options: StartPostgresOptions = {}): Promise<PrivatePostgres> => {
  const user = runAs();
  const temp = options.dataDir ? null : tempDir('pilot-pg-');
  const root = options.dataDir ?? temp!.path;
  mkdirSync(root, { recursive: true });
  const data = join(root, 'data');
  const passwordFile = join(root, 'password');
  if (user.uid !== undefined) chownSync(root, user.uid, user.gid!);
  if (!existsSync(join(data, 'PG_VERSION'))) {
    writeFileSync(passwordFile, randomBytes(18).toString('hex'), { mode: 0o600 });
    if (user.uid !== undefined) chownSync(passwordFile, user.uid, user.gid!);
    const init = spawnSync(
      join(binDir, 'initdb'),
      ['-D', data, '-U', 'postgres', `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
      { ...user, encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  const password = spawnSync('cat', [passwordFile], { encoding: 'utf8' }).stdout.trim();

  for (let attempt = 0; ; attempt += 1) {
    const port = await freePort();
    const child = spawn(
      join(binDir, 'postgres'),
      ['-D', data, '-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      { ...user, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    if (await accepts(url, () => child.exitCode !== null)) {
      return {
        url,
        port,
        createDatabase: async (name) => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
            await client.query(`CREATE DATABASE "${name}"`);
          } finally {
            await client.end();
          }
          return url.replace(/\/postgres$/, `/${name}`);
        },
        stop: async () => {
          // SIGINT: PostgreSQL's fast shutdown (ends sessions, no waiting for clients).
          await stopChild(child, 'SIGINT');
          temp?.remove();
        },
      };
    }
    await stopChild(child, 'SIGINT');
    if (attempt >= 3) {
      temp?.remove();
      throw new Error(`postgres did not start: ${log.trim()}`);
    }
  }
};

const accepts = async (url: string, exited: () => boolean): Promise<boolean> => {
  for (let i = 0; i < 400; i += 1) {
    if (exited()) return false;
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  return false;
};
