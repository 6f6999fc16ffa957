import { execFileSync } from 'node:child_process';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/app-process';

const lint = async (filePath: string, code: string) => {
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId);
};

describe('team server layering', () => {
  it('lint refuses a host, the app runtime, the renderer, the simulator and SQLite in main/team-server', async () => {
    for (const source of [
      "import { app } from 'electron';",
      "import { startBrowserHost } from '../web/browser-host';",
      "import { startRuntime } from '../runtime/runtime';",
      "import { Simulator } from '../simulator/simulator';",
      "import Database from 'better-sqlite3';",
      "import { openCallLogDatabase } from '../core/call-log/database';",
    ]) {
      const rules = await lint('main/team-server/example.ts', `${source}\nexport const x = 1;\n`);
      expect(rules.filter((rule) => rule?.endsWith('no-restricted-imports')), source).not.toEqual([]);
    }
    expect(await lint('main/team-server/example.ts', "import { PilotClient } from '../core/pilot/pilot-client';\nexport const x = PilotClient;\n")).toEqual([]);
  });

  it('loading the team server loads no SQLite (only the core\'s SQL-free history code)', () => {
    const probe = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      await import(${JSON.stringify(`${repoRoot}/main/team-server/team-server.ts`)});
      await import(${JSON.stringify(`${repoRoot}/main/team-server/admin/agents-command.ts`)});
      console.log(JSON.stringify(Object.keys(require.cache)));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { cwd: repoRoot, encoding: 'utf8' })) as string[];
    expect(loaded.some((file) => file.includes('/pg/'))).toBe(true);
    expect(loaded.filter((file) => file.includes('better-sqlite3'))).toEqual([]);
  });
});
