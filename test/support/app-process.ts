import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface AppProcess {
  /** The first window's address, as the host prints it: a one-time code in the fragment, good for one window. */
  url: string;
  /** A new one-time window address (for a second window, or a test client), asked of the host on its stdin. */
  windowUrl(): Promise<string>;
  origin: string;
  dataDir: string;
  mode: 'demo' | 'live';
  child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** The JSON log lines of `<dataDir>/logs/softphone.log`. */
  logLines(): Record<string, unknown>[];
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** Any signal (SIGKILL for crash tests) and wait for exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface StartAppOptions {
  dataDir?: string;
  /** Another checkout's build to start (benchmarks compare against a baseline); this repository's by default. */
  root?: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Starts the built browser host (`dist/main/web.js`) as its own process, the
 * way a user's `npm start` does on a machine without Electron, and waits for
 * its `{"ready":...}` line. Build first (`npm run build`).
 */
export const startApp = async (options: StartAppOptions = {}): Promise<AppProcess> => {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pilot-app-'));
  const root = options.root ?? repoRoot;
  const child = spawn(process.execPath, [join(root, 'dist/main/web.js'), '--no-open', '--data-dir', dataDir, ...(options.args ?? [])], {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const windowWaiters: ((url: string) => void)[] = [];
  const ready = await new Promise<{ url: string; origin: string; mode: 'demo' | 'live' }>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start within ${options.timeoutMs ?? 20_000} ms:\n${stderr}`)), options.timeoutMs ?? 20_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { ready?: { url: string; origin: string; mode: 'demo' | 'live' }; window?: { url: string } };
        if (parsed.window) windowWaiters.shift()?.(parsed.window.url);
        if (parsed.ready) {
          clearTimeout(timer);
          resolveReady(parsed.ready);
        }
      } catch {
        // not a JSON line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before it was ready:\n${stderr}`));
    });
  });

  child.stdin!.on('error', () => undefined);
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return {
    ...ready,
    windowUrl: () =>
      new Promise<string>((resolveUrl) => {
        windowWaiters.push(resolveUrl);
        child.stdin!.write('window\n');
      }),
    dataDir,
    child,
    stderr: () => stderr,
    logLines: () => {
      try {
        return readFileSync(join(dataDir, 'logs', 'softphone.log'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Record<string, unknown>);
      } catch {
        return [];
      }
    },
    stop: () => signal('SIGTERM'),
    kill: signal,
  };
};
