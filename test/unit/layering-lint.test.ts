import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/app-process';

const lint = async (filePath: string, code: string) => {
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId);
};

describe('layering lint rules (the project\'s own eslint config)', () => {
  it('fails when main/core imports electron', async () => {
    expect(await lint('main/core/calls/example.ts', "import { app } from 'electron';\nexport const x = app;\n")).toContain('no-restricted-imports');
  });

  it('fails when main/core imports a host', async () => {
    expect(await lint('main/core/calls/example.ts', "import { startBrowserHost } from '../../web/browser-host';\nexport const x = startBrowserHost;\n")).toContain('no-restricted-imports');
    expect(await lint('main/core/example.ts', "import { createMainWindow } from '../electron/main-window';\nexport const x = createMainWindow;\n")).toContain('no-restricted-imports');
  });

  it('fails when main/core touches the DOM', async () => {
    expect(await lint('main/core/example.ts', 'export const title = () => document.title;\n')).toContain('no-restricted-globals');
  });

  it('fails when the renderer imports runtime code from main/ or preload/, and allows type imports', async () => {
    expect(await lint('renderer/src/lib/example.ts', "import { commandNames } from '../../../preload/contract';\nexport const x = commandNames;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await lint('renderer/src/lib/example.ts', "import { Softphone } from '../../../main/core/softphone';\nexport const x = Softphone;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await lint('renderer/src/lib/example.ts', "import type { CallView } from '../../../preload/contract';\nexport const x: CallView | null = null;\n")).toEqual([]);
  });

  it('lets the hosts import the core', async () => {
    expect(await lint('main/web/example.ts', "import { Softphone } from '../core/softphone';\nexport const x = Softphone;\n")).toEqual([]);
  });
});
