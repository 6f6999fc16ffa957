import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/app-process';

/**
 * The source tree's shape: no import circle in main/, preload/ or
 * renderer/src (type-only imports count: they tie files together as much as
 * any), and no file over 300 lines outside the tests, the locales and the
 * simulator's fixtures.
 */

const maxLines = 300;

const walk = (dir: string, keep: (path: string) => boolean, found: string[] = []): string[] => {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(path, keep, found);
    } else if (keep(path)) found.push(path);
  }
  return found;
};

/** The script of a Svelte component (instance and module scripts), or a module's whole text. */
const scriptOf = (file: string, text: string) =>
  file.endsWith('.svelte') ? [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text;

/** Every module a file imports or re-exports, type-only included (and `import('x')` in types); side-effect imports too. */
const importedBy = (file: string): string[] => {
  const source = ts.createSourceFile(file, scriptOf(file, readFileSync(file, 'utf8')), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) found.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

/** The project file a relative import lands on, as Vite and TypeScript resolve it (`.js` written for `.ts`, `.svelte` for `.svelte.ts`, folders by index). */
const resolveImport = (from: string, specifier: string, files: Set<string>): string | undefined => {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier.replace(/[?#].*$/, ''));
  const candidates = [base, `${base}.ts`, base.replace(/\.js$/, '.ts'), `${base}.svelte.ts`, join(base, 'index.ts'), join(base, 'index.svelte.ts')];
  return candidates.find((c) => files.has(c));
};

/** Import circles among the files under `roots`, each as a path `a → b → … → a` (relative to `base`). */
export const importCircles = (roots: string[], base: string): string[] => {
  const files = roots.flatMap((root) => walk(root, (p) => /\.(ts|svelte)$/.test(p) && !p.endsWith('.d.ts')));
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, [...new Set(importedBy(f).flatMap((s) => resolveImport(f, s, known) ?? []))]]));
  // Tarjan's strongly connected components; every component with more than one file (or a file importing itself) holds a circle.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)!) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) components.push(component);
    }
  };
  for (const file of files) if (!index.has(file)) connect(file);
  // Name one concrete circle per component (the shortest back to its first file), and how many files the component ties together.
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0]!;
    const previous = new Map<string, string>();
    const queue = [start];
    let closing: string | undefined;
    while (queue.length && !closing) {
      const v = queue.shift()!;
      for (const w of graph.get(v)!) {
        if (w === start) {
          closing = v;
          break;
        }
        if (members.has(w) && !previous.has(w)) {
          previous.set(w, v);
          queue.push(w);
        }
      }
    }
    const path = [start];
    for (let v = closing!; v !== start; v = previous.get(v)!) path.splice(1, 0, v);
    const names = [...path, start].map((f) => relative(base, f));
    return `${names.join(' → ')}${component.length > path.length ? ` (one of the circles among ${component.length} files)` : ''}`;
  });
};

/** Lines as an editor counts them (a final newline ends the last line, it does not start another). */
const lineCount = (text: string) => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));

/** Source files over `maxLines`, as `path (n lines)`. */
export const longFiles = (base: string): string[] => {
  const source = /\.(ts|mts|js|mjs|cjs|svelte|css|html|sh)$/;
  // The simulator's recorded fixtures (SDP, audio tables) are data, not code.
  const exempt = (path: string) => /(^|\/)main\/simulator\/(.*\/)?fixtures\//.test(path) || /(^|\/)resources\/locales\//.test(path);
  const roots = ['main', 'preload', 'renderer', 'scripts', 'eslint'].map((r) => join(base, r));
  const files = [...roots.flatMap((root) => walk(root, (p) => source.test(p))), ...readdirSync(base).filter((n) => source.test(n)).map((n) => join(base, n))];
  return files
    .map((file) => ({ file: relative(base, file), lines: lineCount(readFileSync(file, 'utf8')) }))
    .filter(({ file, lines }) => lines > maxLines && !exempt(file))
    .map(({ file, lines }) => `${file} (${lines} lines)`);
};

describe('the source tree', () => {
  it('has no import circle in main/, preload/ or renderer/src', () => {
    const circles = importCircles(['main', 'preload', 'renderer/src'].map((r) => join(repoRoot, r)), repoRoot);
    expect(circles, `import circles:\n${circles.join('\n')}`).toEqual([]);
  });

  it(`has no file over ${maxLines} lines outside the tests, the locales and the simulator's fixtures`, () => {
    const long = longFiles(repoRoot);
    expect(long, `files over ${maxLines} lines:\n${long.join('\n')}`).toEqual([]);
  });
});

describe('the structure checks themselves', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'source-structure-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  };

  it('find a circle made of type-only imports, a component and a .svelte.ts module, and name it', () => {
    write('circle/src/a.ts', "import type { B } from './views/B.svelte';\nexport type A = B;\n");
    write('circle/src/views/B.svelte', "<script lang=\"ts\">\n  import { state } from '../lib/state.svelte';\n</script>\n<p>{state}</p>\n");
    write('circle/src/lib/state.svelte.ts', "import type { A } from '../a.js';\nexport const state: A | null = null;\n");
    write('circle/src/lib/alone.ts', "import { state } from './state.svelte';\nexport const alone = state;\n");
    expect(importCircles([join(scratch, 'circle')], scratch)).toEqual(['circle/src/a.ts → circle/src/views/B.svelte → circle/src/lib/state.svelte.ts → circle/src/a.ts']);
  });

  it('find a file that imports itself, and pass a tree without circles', () => {
    write('self/x.ts', "export * from './x';\n");
    expect(importCircles([join(scratch, 'self')], scratch)).toEqual(['self/x.ts → self/x.ts']);
    write('line/a.ts', "import { b } from './b';\nexport const a = b;\n");
    write('line/b.ts', "import type { C } from './c';\nexport const b: C = 1;\n");
    write('line/c.ts', 'export type C = number;\n');
    expect(importCircles([join(scratch, 'line')], scratch)).toEqual([]);
  });

  it('name the long file and leave the exempt ones', () => {
    const lines = (n: number) => 'export const x = 1;\n'.repeat(n);
    write('tree/main/core/long.ts', lines(maxLines + 1));
    write('tree/main/core/exactly.ts', lines(maxLines));
    write('tree/main/simulator/meta/fixtures/recorded-call.ts', lines(maxLines * 3));
    write('tree/renderer/src/View.svelte', lines(maxLines + 5));
    expect(longFiles(join(scratch, 'tree')).sort()).toEqual([`main/core/long.ts (${maxLines + 1} lines)`, `renderer/src/View.svelte (${maxLines + 5} lines)`]);
  });
});
