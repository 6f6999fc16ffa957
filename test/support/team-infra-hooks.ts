import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTeamInfra, type TeamInfra } from './team-harness';

/**
 * One private Redis and PostgreSQL for a whole test file (started before its first test, stopped after its last), and
 * each test's team closed after it. Returns the infrastructure, usable once the file's tests run.
 */
export const sharedTeamInfra = (currentTeam: () => { close(): unknown } | undefined): TeamInfra => {
  let started: TeamInfra | undefined;
  beforeAll(async () => {
    started = await startTeamInfra();
  }, 60_000);
  afterAll(() => started?.stop());
  afterEach(() => currentTeam()?.close());
  return new Proxy({} as TeamInfra, {
    get: (_target, key) => {
      if (!started) throw new Error('the team infrastructure starts before the first test');
      const value = Reflect.get(started, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
  });
};
