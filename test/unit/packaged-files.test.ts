import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/app-process';

const require = createRequire(import.meta.url);
const { getConfig } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Record<string, unknown> & { directories: { output: string; buildResources: string } }>;
};
const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformOptions: unknown,
    platformPackager: unknown,
    outDir: string,
    isElectronCompile: boolean,
  ): { createFilter(): (file: string, stat: Pick<Stats, 'isDirectory'>) => boolean }[];
};

/** Paths that must never be in the installed app, with why. */
const forbidden: [RegExp, string][] = [
  [/^test\//, 'tests'],
  [/(^|\/)\.bench-data(\/|$)/, 'benchmark data'],
  [/\.map$/, 'source maps'],
  [/\.(ts|svelte|mts|cts)$/, 'sources'],
  [/^(main|preload|renderer|scripts)\//, 'sources'],
  [/^(test-results|playwright-report|release)\//, 'test and build output'],
  [/(^|\/)\.env/, 'environment files'],
  [/^dist\/team-server\//, 'the team server, which runs on a company\'s server']
];

/**
 * Files that are not in the repository but could be beside it on a
 * packaging machine; the filter must leave them out too.
 */
const decoys = ['.bench-data/history-1000000-20250630.sqlite', 'dist/.bench-data/leftover.sqlite', 'test-results/trace.zip', 'dist/main/web.js.map', '.env.production'];

const isDir = { isDirectory: () => true };
const isFile = { isDirectory: () => false };

/** What electron-builder's own file matcher (files + its default exclusions) copies into the app. */
const packagedFiles = async (): Promise<string[]> => {
  const config = await getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'), null);
  const packager = {
    info: {
      projectDir: repoRoot,
      buildResourcesDir: config.directories.buildResources,
      isPrepackedAppAsar: false,
      config,
      debugLogger: { isEnabled: false },
    },
  };
  const outDir = join(repoRoot, config.directories.output);
  const filters = getMainFileMatchers(repoRoot, '/app', (pattern) => pattern, {}, packager, outDir, false).map((m) => m.createFilter());
  const accepted = (path: string, stat: typeof isDir) => filters.some((filter) => filter(path, stat));
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      if (entry.isDirectory()) {
        if (accepted(path, isDir)) walk(path);
      } else if (accepted(path, isFile)) {
        files.push(relative(repoRoot, path).split(sep).join('/'));
      }
    }
  };
  walk(repoRoot);
  for (const decoy of decoys) if (accepted(join(repoRoot, decoy), isFile)) files.push(decoy);
  return files.sort();
};

describe('what the installers put into the app archive', () => {
  beforeAll(() => {
    // The archive is made from the build output; build it when this checkout has none yet.
    if (!existsSync(join(repoRoot, 'dist/main/electron.js'))) execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: repoRoot, stdio: 'ignore' });
  }, 120_000);

  it('holds the built app: main side, preload, renderer and icons', async () => {
    const files = await packagedFiles();
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/main/electron.js', 'dist/preload/index.cjs', 'dist/renderer/index.html', 'dist/icons/icon.png']));
  });

  it('leaves out tests, sources, source maps, benchmark data and test output', async () => {
    const files = await packagedFiles();
    // The build writes source maps, so the exclusion is exercised on real files, not only on the decoys.
    expect(readdirSync(join(repoRoot, 'dist/main')).some((name) => name.endsWith('.map'))).toBe(true);
    const shipped = files.flatMap((file) => forbidden.filter(([pattern]) => pattern.test(file)).map(([, why]) => `${file} (${why})`));
    expect(shipped).toEqual([]);
  });

  it('ships none of the packages only the team server uses (they are not the app\'s dependencies)', () => {
    const teamOnly = [...packagesImportedIn(['main/team-server'])].filter((name) => !packagesImportedIn(appFolders).has(name));
    const { dependencies } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(teamOnly).toEqual(expect.arrayContaining(['ioredis', 'pg']));
    expect(teamOnly.filter((name) => name in dependencies)).toEqual([]);
  });
});

/** The folders whose code goes into the desktop app. */
const appFolders = ['main/core', 'main/runtime', 'main/web', 'main/electron', 'main/simulator', 'main/launcher.ts', 'preload', 'renderer/src'];

/** npm packages (not node: builtins, not relative paths) the sources under `folders` import. */
const packagesImportedIn = (folders: string[]): Set<string> => {
  const names = new Set<string>();
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
      return;
    }
    if (!/\.(ts|svelte)$/.test(path)) return;
    for (const [, spec] of readFileSync(path, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^'.][^']*)'/g)) {
      if (spec!.startsWith('node:')) continue;
      names.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
    }
  };
  for (const folder of folders) visit(join(repoRoot, folder));
  return names;
};
