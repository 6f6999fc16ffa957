import { readdirSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { layers, type FolderLayer } from '../../eslint/layers.js';
import { repoRoot } from '../support/app-process';

/**
 * The layer matrix (eslint/layers.js) as the project's own ESLint config
 * applies it, proven on synthetic sources: each refusal fires, and what the
 * matrix allows passes.
 */

const importRule = '@typescript-eslint/no-restricted-imports';
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

const messagesOf = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages;
};
/** The import-rule messages for one import (value or type) of `source` from `filePath`. */
const importFindings = async (filePath: string, source: string, kind: 'value' | 'type' = 'value') => {
  const code = kind === 'type' ? `import type { Thing } from '${source}';\nexport type X = Thing;\n` : `import { thing } from '${source}';\nexport const x = thing;\n`;
  const messages = await messagesOf(filePath, code);
  const other = messages.filter((m) => m.ruleId !== importRule);
  if (other.length) throw new Error(`unexpected findings in the synthetic source: ${other.map((m) => m.message).join('; ')}`);
  return messages.map((m) => m.message);
};
const expectRefused = async (filePath: string, source: string, kind: 'value' | 'type' = 'value') => {
  const findings = await importFindings(filePath, source, kind);
  expect(findings, `${filePath} importing ${source} (${kind})`).toHaveLength(1);
  return findings[0]!;
};
const expectAllowed = async (filePath: string, source: string, kind: 'value' | 'type' = 'value') => {
  expect(await importFindings(filePath, source, kind), `${filePath} importing ${source} (${kind})`).toEqual([]);
};

describe('the core', () => {
  it('never imports Electron, a host, the runtime, the simulator, the team server, the renderer or the preload bridge', async () => {
    expect(await expectRefused('main/core/calls/example.ts', 'electron')).toContain('main/core/calls may not import electron');
    expect(await expectRefused('main/core/example.ts', '../electron/main-window')).toContain('main/core may not import main/electron');
    expect(await expectRefused('main/core/calls/example.ts', '../../web/browser-host')).toContain('may not import main/web');
    await expectRefused('main/core/example.ts', '../runtime/runtime');
    expect(await expectRefused('main/core/call-log/example.ts', '../../simulator/simulator')).toContain('may not import main/simulator');
    await expectRefused('main/core/providers/evo-go/example.ts', '../../../simulator/sim-state', 'type');
    await expectRefused('main/core/example.ts', '../team-server/fan-out');
    await expectRefused('main/core/lines/example.ts', '../../../renderer/src/lib/bridge', 'type');
    await expectRefused('main/core/example.ts', '../../preload/index');
  });

  it('touches no DOM', async () => {
    expect((await messagesOf('main/core/example.ts', 'export const title = () => document.title;\n')).map((m) => m.ruleId)).toEqual(['no-restricted-globals']);
    expect((await messagesOf('main/core/calls/example.ts', 'export const pc = () => new RTCPeerConnection();\n')).map((m) => m.ruleId)).toEqual(['no-restricted-globals']);
  });

  it('runs providers → calls → call-log and never back, type-only imports included', async () => {
    expect(await expectRefused('main/core/call-log/example.ts', '../calls/call-service', 'type')).toContain('main/core/call-log may not import main/core/calls');
    expect(await expectRefused('main/core/call-log/example.ts', '../providers/meta/meta-media-driver')).toContain('main/core/call-log may not import main/core/providers');
    expect(await expectRefused('main/core/calls/example.ts', '../providers/evo-go/web-media-driver', 'type')).toContain('main/core/calls may not import main/core/providers');
    // The same folders reached by a longer path, or from a subfolder.
    await expectRefused('main/core/call-log/migrations/example.ts', '../../calls/call-service');
    await expectRefused('main/core/call-log/example.ts', '../../core/calls/call-service.js');
    await expectAllowed('main/core/providers/meta/example.ts', '../../calls/call-service');
    await expectAllowed('main/core/providers/example.ts', '../call-log/call-log-repository');
    await expectAllowed('main/core/calls/example.ts', '../call-log/call-log-repository', 'type');
  });

  it("reaches the agent's availability only from the composition root; the calls ask it through the ring gate", async () => {
    expect(await expectRefused('main/core/calls/example.ts', '../availability/availability-service', 'type')).toContain('main/core/calls may not import main/core/availability');
    await expectRefused('main/core/call-log/example.ts', '../availability/agent-activity');
    await expectRefused('main/core/availability/example.ts', '../calls/call-service', 'type');
    await expectAllowed('main/core/availability/example.ts', '../domain-events', 'type');
    await expectAllowed('main/core/calls/example.ts', '../ports', 'type');
    await expectAllowed('main/core/softphone.ts', './availability/availability-service');
  });

  it('keeps its base (root files and helper folders) under every part: the base imports none of them', async () => {
    for (const part of ['calls', 'call-log', 'providers'] as const) {
      await expectAllowed(`main/core/${part}/example.ts`, '../ports');
      await expectAllowed(`main/core/${part}/example.ts`, '../domain-events', 'type');
      await expectAllowed(`main/core/${part}/example.ts`, '../pilot/call-schema');
    }
    expect(await expectRefused('main/core/domain-events.ts', './call-log/call-log-repository', 'type')).toContain('main/core may not import main/core/call-log');
    await expectRefused('main/core/lines/example.ts', '../calls/call-service', 'type');
    await expectRefused('main/core/example.ts', './providers/meta/permissions');
  });

  it('keeps the handler folders that orchestrate (accounts, demo mode) above calls and providers', async () => {
    await expectAllowed('main/core/accounts/example.ts', '../calls/call-service', 'type');
    await expectAllowed('main/core/accounts/example.ts', '../providers/meta/permissions', 'type');
    await expectAllowed('main/core/accounts/example.ts', '../demo/demo-mode', 'type');
    await expectAllowed('main/core/demo/example.ts', '../calls/call-service', 'type');
    expect(await expectRefused('main/core/demo/example.ts', '../accounts/accounts', 'type')).toContain('main/core/demo may not import main/core/accounts');
    expect(await expectRefused('main/core/calls/example.ts', '../accounts/accounts', 'type')).toContain('main/core/calls may not import main/core/accounts');
    await expectRefused('main/core/providers/meta/example.ts', '../../demo/demo-mode');
    await expectRefused('main/core/lines/example.ts', '../accounts/accounts');
    await expectRefused('main/core/accounts/example.ts', '../softphone');
  });

  it('puts the team line above calls and the call log, under the composition root alone (the team server may use its protocol)', async () => {
    await expectAllowed('main/core/team/example.ts', '../calls/call-service', 'type');
    await expectAllowed('main/core/team/example.ts', '../call-log/history-exports');
    await expectAllowed('main/core/team/example.ts', '../lines/line-manager', 'type');
    expect(await expectRefused('main/core/team/example.ts', '../providers/number-types')).toContain('main/core/team may not import main/core/providers');
    await expectRefused('main/core/team/example.ts', '../accounts/accounts', 'type');
    expect(await expectRefused('main/core/calls/example.ts', '../team/team-lines', 'type')).toContain('main/core/calls may not import main/core/team');
    expect(await expectRefused('main/core/lines/example.ts', '../team/team-line', 'type')).toContain('main/core may not import main/core/team');
    await expectRefused('main/core/call-log/example.ts', '../team/protocol');
    await expectAllowed('main/core/softphone.ts', './team/team-lines');
    await expectAllowed('main/team-server/example.ts', '../core/team/protocol');
  });

  it('lets only the composition root import softphone.ts, and lets it import every part', async () => {
    expect(await expectRefused('main/core/calls/example.ts', '../softphone')).toContain('may not import main/core/softphone.ts');
    await expectRefused('main/core/example.ts', './softphone.js');
    for (const part of ['./calls/call-service', './call-log/call-history', './providers/meta/permissions', './accounts/accounts', './demo/demo-mode', './ports', './lines/line-manager']) {
      await expectAllowed('main/core/softphone.ts', part);
    }
  });

  it('lets everything on the main side import the contract, and files outside every layer', async () => {
    await expectAllowed('main/core/calls/example.ts', '../../../preload/contract');
    await expectAllowed('main/core/example.ts', '../../preload/contract/constants');
    await expectAllowed('main/core/i18n/example.ts', '../../../resources/locales/en.json');
  });
});

describe('the hosts, the runtime, the team server and the simulator', () => {
  it('keep the two hosts apart: web ↛ electron, electron ↛ web', async () => {
    expect(await expectRefused('main/web/example.ts', '../electron/main-window')).toContain('main/web may not import main/electron');
    expect(await expectRefused('main/web/example.ts', 'electron')).toContain('main/web may not import electron');
    expect(await expectRefused('main/electron/example.ts', '../web/browser-host')).toContain('main/electron may not import main/web');
    await expectAllowed('main/electron/example.ts', 'electron');
    await expectAllowed('main/web/example.ts', '../core/softphone');
    await expectAllowed('main/web/example.ts', '../runtime/runtime');
    await expectAllowed('main/electron/example.ts', '../core/commands/dispatcher');
  });

  it('let only the runtime start the simulator, and keep the runtime free of hosts', async () => {
    await expectRefused('main/web/example.ts', '../simulator/simulator');
    await expectRefused('main/electron/example.ts', '../simulator/sim-server');
    await expectAllowed('main/runtime/example.ts', '../simulator/simulator');
    await expectRefused('main/runtime/example.ts', '../web/browser-host');
    await expectRefused('main/runtime/example.ts', '../electron/main-window', 'type');
    await expectRefused('main/runtime/example.ts', 'electron');
  });

  it('let the team server import only the core and the contract', async () => {
    await expectAllowed('main/team-server/example.ts', '../core/softphone');
    await expectAllowed('main/team-server/streams/example.ts', '../../core/calls/call-service');
    await expectAllowed('main/team-server/example.ts', '../../preload/contract');
    expect(await expectRefused('main/team-server/example.ts', 'electron')).toContain('main/team-server may not import electron');
    await expectRefused('main/team-server/example.ts', '../electron/register-ipc');
    await expectRefused('main/team-server/example.ts', '../web/browser-host');
    await expectRefused('main/team-server/example.ts', '../runtime/runtime');
    await expectRefused('main/team-server/example.ts', '../simulator/simulator');
    await expectRefused('main/team-server/example.ts', '../../renderer/src/lib/bridge', 'type');
    expect((await messagesOf('main/team-server/example.ts', 'export const w = () => window;\n')).map((m) => m.ruleId)).toEqual(['no-restricted-globals']);
  });

  it('keep the simulator to the contract: no core, no host, no runtime', async () => {
    expect(await expectRefused('main/simulator/meta/example.ts', '../../core/pilot/call-schema', 'type')).toContain('main/simulator may not import main/core');
    await expectRefused('main/simulator/example.ts', '../core/softphone');
    await expectRefused('main/simulator/example.ts', '../web/browser-host');
    await expectRefused('main/simulator/realtime/example.ts', '../../electron/main-window');
    await expectRefused('main/simulator/example.ts', '../runtime/demo');
    await expectAllowed('main/simulator/example.ts', '../../preload/contract');
  });

  it('keep the launcher to the runtime and the browser host', async () => {
    await expectAllowed('main/launcher.ts', './web/run-browser-host');
    await expectRefused('main/launcher.ts', './electron/main');
    await expectRefused('main/launcher.ts', './core/softphone');
  });
});

describe('the preload and the contract', () => {
  it('never import the main side, not even types', async () => {
    expect(await expectRefused('preload/index.ts', '../main/core/errors', 'type')).toContain('preload may not import main/core');
    await expectRefused('preload/contract/example.ts', '../../main/core/pilot/call-schema', 'type');
    await expectAllowed('preload/index.ts', 'electron');
    await expectAllowed('preload/index.ts', './contract');
  });

  it('keep the contract free of Electron and of the bridge', async () => {
    expect(await expectRefused('preload/contract/example.ts', 'electron')).toContain('preload/contract may not import electron');
    expect(await expectRefused('preload/contract/example.ts', '../index')).toContain('preload/contract may not import preload');
    await expectRefused('preload/contract/example.ts', '..');
    await expectAllowed('preload/contract/example.ts', './constants');
    await expectAllowed('preload/contract/example.ts', 'zod');
  });

  it('keep the constants free of every import', async () => {
    expect(await expectRefused('preload/contract/constants.ts', 'zod')).toContain('preload/contract/constants.ts may not import any package');
    expect(await expectRefused('preload/contract/constants.ts', './define', 'type')).toContain('may not import preload/contract');
  });
});

describe('the renderer', () => {
  it('imports code from preload/contract/constants only', async () => {
    await expectAllowed('renderer/src/lib/example.ts', '../../../preload/contract/constants');
    await expectAllowed('renderer/src/lib/state/example.svelte.ts', '../../../../preload/contract/constants.ts');
    const reexport = await messagesOf('renderer/src/lib/example.ts', "export { providers } from '../../../preload/contract/constants';\n");
    expect(reexport).toEqual([]);
    expect(await expectRefused('renderer/src/lib/example.ts', '../../../preload/contract')).toContain('renderer may not import preload/contract except with `import type`');
    await expectRefused('renderer/src/lib/example.ts', '../../../preload/contract/calls');
    await expectRefused('renderer/src/lib/example.ts', '../../../preload/contract/constants-extra');
    await expectRefused('renderer/src/lib/example.ts', '../../../preload');
    expect(await expectRefused('renderer/src/lib/example.ts', '../../../main/core/softphone')).toContain('renderer may not import main/core/softphone.ts except with `import type`');
    await expectRefused('renderer/src/lib/media/example.ts', '../../../../main/simulator/simulator');
    await expectRefused('renderer/src/lib/example.ts', 'electron');
  });

  it('imports types from main/ and preload/', async () => {
    await expectAllowed('renderer/src/lib/example.ts', '../../../preload/contract', 'type');
    await expectAllowed('renderer/src/lib/example.ts', '../../../main/core/softphone', 'type');
    await expectAllowed('renderer/src/example.ts', '../../main/web/browser-host', 'type');
    const inlineTypes = await messagesOf('renderer/src/lib/example.ts', "import { type CallView } from '../../../preload/contract';\nexport type X = CallView;\n");
    expect(inlineTypes).toEqual([]);
  });

  it('is held to the same in Svelte components', async () => {
    const component = (statement: string) => `<script lang="ts">\n  ${statement}\n  export const x = thing;\n</script>\n`;
    const refused = await messagesOf('renderer/src/components/Example.svelte', component("import { commandNames as thing } from '../../../preload/contract';"));
    expect(refused.map((m) => m.ruleId)).toEqual([importRule]);
    const allowed = await messagesOf('renderer/src/components/Example.svelte', component("import { providers as thing } from '../../../preload/contract/constants';"));
    expect(allowed).toEqual([]);
  });
});

/** Every layer against every other, from a file at the layer's root and two folders down, as the table says. */
describe('the whole matrix', () => {
  const folderLayers = layers.filter((l): l is FolderLayer => 'path' in l);
  const isFile = (path: string) => /\.[a-z]+$/.test(path);
  const holds = (outer: string, inner: string) => inner.startsWith(`${outer}/`);
  const allowedBy = (entries: string[]) =>
    new Set(entries.flatMap((e) => (e.endsWith('/**') ? [e.slice(0, -3), ...folderLayers.map((l) => l.path).filter((p) => holds(e.slice(0, -3), p))] : [e])));
  /** A module inside the target that no nested layer holds. */
  const sampleIn = (target: string) => (isFile(target) ? target.replace(/\.[a-z]+$/, '') : `${target}/sample-module`);
  const importers = (layer: FolderLayer) => (isFile(layer.path) ? [layer.path] : [`${layer.path}/example.ts`, `${layer.path}/sample-a/sample-b/example.ts`]);

  for (const layer of folderLayers) {
    for (const kind of ['value', 'type'] as const) {
      it(`${layer.path}: ${kind} imports of each layer`, async () => {
        const allowed = allowedBy([...layer.mayImport, ...(kind === 'type' ? (layer.mayImportTypes ?? []) : [])]);
        for (const file of importers(layer)) {
          const targets = folderLayers.filter((t) => t !== layer);
          const sources = targets.map((t) => {
            const spec = posix.relative(posix.dirname(file), sampleIn(t.path));
            return spec.startsWith('.') ? spec : `./${spec}`;
          });
          const code = sources.map((s, i) => `import ${kind === 'type' ? 'type ' : ''}{ thing as t${i} } from '${s}';`).join('\n') + `\nexport type All = [${sources.map((_, i) => `typeof t${i}`).join(', ')}];\n`;
          const refusedLines = new Set((await messagesOf(file, code)).filter((m) => m.ruleId === importRule).map((m) => m.line));
          const refused = targets.filter((_, i) => refusedLines.has(i + 1)).map((t) => t.path);
          expect(refused, `${file}: the layers its ${kind} imports are refused from`).toEqual(targets.filter((t) => !allowed.has(t.path)).map((t) => t.path));
        }
      });
    }
  }

  it('covers every source file of main/, preload/ and renderer/', async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|svelte|js)$/.test(entry.name)) files.push(path);
      }
    };
    for (const dir of ['main', 'preload', 'renderer']) walk(join(repoRoot, dir));
    expect(files.length).toBeGreaterThan(100);
    const uncovered: string[] = [];
    for (const file of files) {
      const config = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> };
      if (!config.rules?.[importRule]) uncovered.push(relative(repoRoot, file));
    }
    expect(uncovered, 'files no layer rule applies to (deeper than eslint/layer-rules.js maxDepth?)').toEqual([]);
  });
});
