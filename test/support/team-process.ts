import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { repoRoot } from './app-process';
import { freePort } from './free-port';
import { stopChild } from './redis-server';

export interface TeamProcess {
  instanceId: string;
  url: string;
  port: number;
  child: ChildProcess;
  /** SIGKILL: no goodbye, no lease released, sockets cut. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One team-server instance as its own process (`npm run team-server`'s
 * entry), ready once `/readyz` answers 200. Tests kill these to prove
 * failover; in-process instances cannot die that way.
 */
export const startTeamProcess = async (configFile: string, env: NodeJS.ProcessEnv, instanceId: string, atPort?: number): Promise<TeamProcess> => {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await startOnce(configFile, env, instanceId, atPort ?? (await freePort()));
    } catch (error) {
      // Another process took the probed port between the probe and the bind: try another one.
      if (atPort !== undefined || attempt >= 2 || !String((error as Error).message).includes('EADDRINUSE')) throw error;
    }
  }
};

const startOnce = async (configFile: string, env: NodeJS.ProcessEnv, instanceId: string, port: number): Promise<TeamProcess> => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/team-server/main.ts', '--config', configFile], {
    cwd: repoRoot,
    env: { ...process.env, ...env, TEAM_SERVER_INSTANCE: instanceId, TEAM_SERVER_LISTEN: `127.0.0.1:${port}` },
    stdio: ['ignore', process.env.TEAM_TEST_LOGS ? 'inherit' : 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`team server ${instanceId} exited: ${errors.trim()}`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`team server ${instanceId} not ready in 30 s: ${errors.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    instanceId,
    url,
    port,
    child,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
    stop: () => stopChild(child),
  };
};
