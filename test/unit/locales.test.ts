import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../resources/locales/en.json';
import ptBR from '../../resources/locales/pt-BR.json';
import { repoRoot } from '../support/app-process';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === 'string' ? [[`${prefix}${key}`, value]] : Object.entries(flatten(value, `${prefix}${key}.`)),
    ),
  );

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
  });

const english = flatten(en as Tree);
const portuguese = flatten(ptBR as Tree);
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('pt-BR and English have the same keys', () => {
    expect(Object.keys(portuguese).sort()).toEqual(Object.keys(english).sort());
  });

  it('each translation uses the same placeholders as English', () => {
    for (const [key, text] of Object.entries(english)) expect([key, placeholders(portuguese[key]!)]).toEqual([key, placeholders(text)]);
  });

  it('pt-BR is actually translated (not English copied over)', () => {
    const productNames = new Set(['app.title']);
    const same = Object.keys(english).filter(
      (key) => !productNames.has(key) && english[key] === portuguese[key] && /[a-z]{4,}\s+[a-z]{4,}/i.test(english[key]!),
    );
    expect(same).toEqual([]);
  });

  it('every literal key the code translates exists', () => {
    const used = new Set<string>();
    for (const file of [...sourceFiles(join(repoRoot, 'renderer/src')), ...sourceFiles(join(repoRoot, 'main'))]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    // i18next plurals: `x.seconds` resolves to `x.seconds_one` / `x.seconds_other`.
    const exists = (key: string) => key in english || (`${key}_one` in english && `${key}_other` in english);
    expect([...used].filter((key) => !exists(key))).toEqual([]);
  });
});
