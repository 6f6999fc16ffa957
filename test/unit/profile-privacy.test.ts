import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../main/core/credentials/credential-store';
import { NoNativeNotifier } from '../../main/core/notifications/notifier';
import { lockAddress } from '../../main/runtime/profile-lock';
import { startRuntime, type Runtime } from '../../main/runtime/runtime';
import { repoRoot } from '../support/app-process';
import { electronRuntime } from '../support/electron-runtime';
import { listeningPorts } from '../support/listening-ports';
import { tempDir } from '../support/temp-dir';

let dir: ReturnType<typeof tempDir>;
let runtime: Runtime | null = null;
beforeEach(() => (dir = tempDir('pilot-privacy-')));
afterEach(async () => {
  await runtime?.close();
  runtime = null;
  dir.remove();
});

const start = (options: { demo?: boolean } = {}) =>
  startRuntime({
    dataDir: join(dir.path, 'profile'),
    host: 'browser',
    version: 'test',
    notifier: () => new NoNativeNotifier(),
    keychain: new MemoryCredentialStore(),
    demo: options.demo ?? false,
  });

/** Every file and folder under `root` with its permission bits. */
const modes = (root: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (path: string, name: string) => {
    out[name] = (statSync(path).mode & 0o777).toString(8);
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry), `${name}/${entry}`);
  };
  walk(root, '.');
  return out;
};

describe('what the app leaves on a shared machine', () => {
  it('keeps the profile folder 0700 and every file it writes there 0600, whatever the umask', async () => {
    const umask = process.umask(0o022);
    try {
      runtime = await start();
      const dispatch = runtime.softphone.dispatch;
      expect((await dispatch('settings.update', { agentName: 'Márcia' })).ok).toBe(true);
      expect((await dispatch('accounts.add', { label: 'Support', provider: 'EVO_GO', apiKey: 'ps_privacy1', baseUrl: 'http://127.0.0.1:9' })).ok).toBe(true);
      expect((await dispatch('history.export', {})).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      runtime.logger.flush();
      await runtime.close();
      runtime = null;
      const found = modes(join(dir.path, 'profile'));
      expect(Object.keys(found)).toEqual(expect.arrayContaining(['./settings.json', './call-log.sqlite', './logs/softphone.log', './call-log.sqlite.state.json']));
      const loose = Object.entries(found).filter(([name, mode]) => {
        const isDir = statSync(join(dir.path, 'profile', name)).isDirectory();
        return name.endsWith('.sock') ? false : isDir ? mode !== '700' : mode !== '600';
      });
      expect(loose).toEqual([]);
    } finally {
      process.umask(umask);
    }
  });

  it('tightens a call log, log file and settings an older version left readable by others', async () => {
    const profile = join(dir.path, 'profile');
    runtime = await start();
    await runtime.close();
    runtime = null;
    writeFileSync(join(profile, 'settings.json'), JSON.stringify({ version: 1, accounts: [] }), { mode: 0o644 });
    for (const file of ['call-log.sqlite', 'logs/softphone.log', 'settings.json']) execFileSync('chmod', ['0644', join(profile, file)]);
    execFileSync('chmod', ['0755', join(profile, 'logs')]);
    runtime = await start();
    expect(statSync(join(profile, 'settings.json')).mode & 0o077).toBe(0);
    expect(statSync(join(profile, 'call-log.sqlite')).mode & 0o077).toBe(0);
    expect(statSync(join(profile, 'logs/softphone.log')).mode & 0o077).toBe(0);
    expect(statSync(join(profile, 'logs')).mode & 0o077).toBe(0);
  });

  // Where the Electron runtime is installed the launcher starts it instead of trying to fetch it: nothing to check.
  it.skipIf('path' in electronRuntime())('writes no marker in the shared temp folder: the launcher keeps its own in the user\'s runtime folder', () => {
    const shared = join(dir.path, 'shared-tmp');
    const runtimeDir = join(dir.path, 'runtime');
    mkdirSync(shared);
    mkdirSync(runtimeDir, { mode: 0o700 });
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'main/launcher.ts'), '--help'], {
      // The launcher tries to fetch Electron once a day: here from a mirror that refuses at once, so it fails fast
      // (and never downloads anything) and writes its marker.
      env: { ...process.env, TMPDIR: shared, XDG_RUNTIME_DIR: runtimeDir, ELECTRON_MIRROR: 'http://127.0.0.1:9/', PILOT_NO_ELECTRON_FETCH: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    // (tsx, which runs the launcher's source here, keeps its own cache there.)
    expect(readdirSync(shared).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
    expect(existsSync(join(runtimeDir, 'pilot-softphone', 'electron-fetch.json'))).toBe(true);
  });

  it('locks a profile whose path is too long for a socket in the user\'s private runtime folder, not the shared temp folder', () => {
    const deep = join(dir.path, 'a'.repeat(60), 'b'.repeat(60));
    const previous = process.env.XDG_RUNTIME_DIR;
    process.env.XDG_RUNTIME_DIR = join(dir.path, 'run');
    mkdirSync(process.env.XDG_RUNTIME_DIR, { mode: 0o700 });
    try {
      expect(lockAddress(deep).startsWith(join(dir.path, 'run', 'pilot-softphone'))).toBe(true);
      expect(statSync(join(dir.path, 'run', 'pilot-softphone')).mode & 0o777).toBe(0o700);
    } finally {
      if (previous === undefined) delete process.env.XDG_RUNTIME_DIR;
      else process.env.XDG_RUNTIME_DIR = previous;
    }
  });
});

describe('the built-in simulator listens only while the app needs it', () => {
  it('not at all while real lines exist; from the moment the last one is removed; no longer once a line is added', async () => {
    const profile = join(dir.path, 'profile');
    mkdirSync(profile, { recursive: true });
    writeFileSync(
      join(profile, 'settings.json'),
      JSON.stringify({ version: 1, accounts: [{ id: 'line_1', label: 'Support', provider: 'EVO_GO', baseUrl: 'http://127.0.0.1:9' }] }),
    );
    const before = listeningPorts();
    if (before === null) return;
    runtime = await start({ demo: true });
    expect(runtime.softphone.info().mode).toBe('live');
    expect(listeningPorts()).toEqual(before);

    expect((await runtime.dispatch('accounts.remove', { id: 'line_1' })).ok).toBe(true);
    expect(runtime.softphone.info().mode).toBe('demo');
    expect(listeningPorts()!.length).toBe(before.length + 1);
    // The demo works on the simulator it now listens on.
    expect((await runtime.dispatch('demo.incomingCall', {})).ok).toBe(true);

    expect((await runtime.dispatch('accounts.add', { label: 'Sales', provider: 'EVO_GO', apiKey: 'ps_sales1', baseUrl: 'http://127.0.0.1:9' })).ok).toBe(true);
    expect(runtime.softphone.info().mode).toBe('live');
    await expect.poll(() => listeningPorts()).toEqual(before);

    // "Test my audio" with real lines: the simulator listens for the test call, and stops once it ends.
    const test = await runtime.dispatch('calls.testAudio', {});
    expect(test.ok).toBe(true);
    expect(listeningPorts()!.length).toBe(before.length + 1);
    if (test.ok) expect((await runtime.dispatch('calls.hangup', { callId: (test.value as { id: string }).id })).ok).toBe(true);
    await expect.poll(() => listeningPorts()).toEqual(before);
  });
});
