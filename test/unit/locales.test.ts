import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator, resolveLocale } from '../../main/core/i18n/translator';
import { locales, type Locale } from '../../preload/contract/constants';
import { repoRoot } from '../support/app-process';

type Tree = { [key: string]: unknown };
type Flat = Record<string, string>;

const localeDir = join(repoRoot, 'resources/locales');

/** Dotted keys to strings; anything but a string or a nested object is a broken message file. */
const flatten = (tree: Tree, prefix = ''): Flat =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]): [string, string][] => {
      if (typeof value === 'string') return [[`${prefix}${key}`, value]];
      if (value && typeof value === 'object' && !Array.isArray(value)) return Object.entries(flatten(value as Tree, `${prefix}${key}.`));
      throw new Error(`${prefix}${key} is ${Array.isArray(value) ? 'an array' : typeof value}, not a string or a group of strings`);
    }),
  );

const files: Record<Locale, Flat> = Object.fromEntries(
  locales.map((code) => [code, flatten(JSON.parse(readFileSync(join(localeDir, `${code}.json`), 'utf8')) as Tree)]),
) as Record<Locale, Flat>;
const english = files.en;

// i18next plurals: `x` with a count resolves to `x_<CLDR category>`; `_zero` is i18next's own extra for a count of 0.
const pluralPattern = /^(.+)_(zero|one|two|few|many|other)$/;
const splitPlural = (key: string) => {
  const match = pluralPattern.exec(key);
  return match ? { base: match[1]!, form: match[2]! } : { base: key, form: null };
};
/** A key as every language must have it: plural forms differ between languages, the plural itself does not. */
const sharedKey = (key: string) => {
  const { base, form } = splitPlural(key);
  return form ? `${base} (plural)` : base;
};

/** `{{name}}`, `{{name, format}}` and nested `$t(key)`: what a translation must carry over unchanged. */
const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/{{([^}]*)}}|\$t\(([^)]*)\)/g)].map((m) => (m[1] !== undefined ? `{{${m[1].replace(/\s+/g, '')}}}` : `$t(${m[2]})`)))].sort();

/** Every key some locale has and another lacks, as `locale lacks key`. */
const missingKeys = (all: Record<string, Flat>): string[] => {
  const shared = Object.fromEntries(Object.entries(all).map(([code, flat]) => [code, new Set(Object.keys(flat).map(sharedKey))]));
  const union = new Set(Object.values(shared).flatMap((keys) => [...keys]));
  return Object.entries(shared).flatMap(([code, keys]) => [...union].filter((key) => !keys.has(key)).map((key) => `${code} lacks ${key}`));
};

/** Plural forms the language's rules never pick (`extra`) and forms they pick that the file lacks (`missing`). */
const pluralFormProblems = (code: string, flat: Flat) => {
  const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories as string[];
  const forms = new Map<string, Set<string>>();
  for (const key of Object.keys(flat)) {
    const { base, form } = splitPlural(key);
    if (form) forms.set(base, (forms.get(base) ?? new Set()).add(form));
  }
  const extra: string[] = [];
  const missing: string[] = [];
  for (const [base, present] of forms) {
    for (const form of present) if (form !== 'zero' && !categories.includes(form)) extra.push(`${base}_${form}`);
    for (const category of categories) if (!present.has(category)) missing.push(`${base}_${category}`);
  }
  return { extra: extra.sort(), missing: missing.sort() };
};

/** Keys whose placeholders differ from the reference file's; a plural form is compared with the same form, else `_other`. */
const placeholderMismatches = (reference: Flat, translation: Flat): string[] =>
  Object.entries(translation).flatMap(([key, text]) => {
    const { base, form } = splitPlural(key);
    const original = reference[key] ?? (form ? reference[`${base}_other`] : undefined);
    if (original === undefined) return [];
    const [want, got] = [placeholders(original), placeholders(text)];
    return want.join(' ') === got.join(' ') ? [] : [`${key}: ${got.join(' ') || 'none'} instead of ${want.join(' ') || 'none'}`];
  });

// pt-BR lacks the CLDR `many` forms (a count of 1 000 000 falls back to English there); the list shrinks as they are added.
const knownMissingPluralForms: Partial<Record<Locale, string[]>> = {};

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
  });

describe('translations', () => {
  it('there is one message file per supported locale, and no other', () => {
    const present = readdirSync(localeDir).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length));
    expect(present.sort()).toEqual([...locales].sort());
  });

  it('every locale has exactly the keys the others have', () => {
    expect(missingKeys(files)).toEqual([]);
  });

  it('every locale has the plural forms its language needs, and no others', () => {
    for (const code of locales) {
      const { extra, missing } = pluralFormProblems(code, files[code]);
      expect({ code, extra, missing }).toEqual({ code, extra: [], missing: knownMissingPluralForms[code] ?? [] });
    }
  });

  it('every locale uses the same placeholders as the others for each key', () => {
    for (const code of locales) expect({ code, mismatches: placeholderMismatches(english, files[code]) }).toEqual({ code, mismatches: [] });
  });

  it('no message is empty', () => {
    for (const code of locales) expect({ code, empty: Object.keys(files[code]).filter((key) => !files[code][key]!.trim()) }).toEqual({ code, empty: [] });
  });

  it('each translation is actually translated (not English copied over)', () => {
    const productNames = new Set(['app.title']);
    for (const code of locales.filter((c) => c !== 'en')) {
      const same = Object.keys(english).filter(
        (key) => !productNames.has(key) && english[key] === files[code][key] && /[a-z]{4,}\s+[a-z]{4,}/i.test(english[key]!),
      );
      expect({ code, same }).toEqual({ code, same: [] });
    }
  });

  it('every literal key the code translates exists', () => {
    const used = new Set<string>();
    for (const file of [...sourceFiles(join(repoRoot, 'renderer/src')), ...sourceFiles(join(repoRoot, 'main'))]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    const exists = (key: string) => key in english || (`${key}_one` in english && `${key}_other` in english);
    expect([...used].filter((key) => !exists(key))).toEqual([]);
  });
});

describe('the translation checks themselves', () => {
  const en = { 'a.title': 'Call with {{number}}', 'a.count_one': '{{count}} call', 'a.count_other': '{{count}} calls' };
  const es = { 'a.title': 'Llamada con {{number}}', 'a.count_one': '{{count}} llamada', 'a.count_many': '{{count}} llamadas', 'a.count_other': '{{count}} llamadas' };

  it('accept languages whose plural forms differ', () => {
    expect(missingKeys({ en, es })).toEqual([]);
    expect(pluralFormProblems('es', es)).toEqual({ extra: [], missing: [] });
    expect(placeholderMismatches(en, es)).toEqual([]);
  });

  it('name a key one locale lacks, one it adds, and a plural turned into a plain key', () => {
    const { 'a.title': _dropped, ...withoutTitle } = es;
    expect(missingKeys({ en, es: withoutTitle })).toEqual(['es lacks a.title']);
    expect(missingKeys({ en, es: { ...es, 'a.extra': 'Otro' } })).toEqual(['en lacks a.extra']);
    expect(missingKeys({ en, es: { 'a.title': es['a.title'], 'a.count': '{{count}} llamadas' } })).toEqual(['en lacks a.count', 'es lacks a.count (plural)']);
  });

  it('name plural forms the language lacks or never uses', () => {
    const { 'a.count_many': _many, ...withoutMany } = es;
    expect(pluralFormProblems('es', withoutMany)).toEqual({ extra: [], missing: ['a.count_many'] });
    expect(pluralFormProblems('es', { ...es, 'a.count_few': '{{count}} llamadas' })).toEqual({ extra: ['a.count_few'], missing: [] });
  });

  it('name a placeholder renamed, dropped or given another format', () => {
    expect(placeholderMismatches(en, { ...es, 'a.title': 'Llamada con {{numero}}' })).toEqual(['a.title: {{numero}} instead of {{number}}']);
    expect(placeholderMismatches(en, { ...es, 'a.count_many': 'muchas llamadas' })).toEqual(['a.count_many: none instead of {{count}}']);
    expect(placeholderMismatches(en, { ...es, 'a.title': 'Llamada con {{number, uppercase}}' })).toEqual(['a.title: {{number,uppercase}} instead of {{number}}']);
  });

  it('refuse a message file with a value that is not text', () => {
    expect(() => flatten({ a: { b: 3 } })).toThrow('a.b is number');
  });
});

describe('resolveLocale', () => {
  it.each([
    ['es-MX', 'es'],
    ['es', 'es'],
    ['es_AR.UTF-8', 'es'],
    ['es-419', 'es'],
    ['pt_BR.UTF-8', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['en_US.UTF-8', 'en'],
    ['de-DE', 'en'],
    ['C.UTF-8', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ] as const)('system %s without a choice → %s', (system, expected) => {
    expect(resolveLocale(null, system)).toBe(expected);
  });

  it("the agent's choice wins over the system language", () => {
    expect(resolveLocale('en', 'es-MX')).toBe('en');
    expect(resolveLocale('es', 'pt_BR.UTF-8')).toBe('es');
  });
});

describe("the main side's translator", () => {
  it('speaks every supported locale from its own file', async () => {
    for (const code of locales) {
      const t = await createTranslator(code);
      expect({ code, text: t('calls.incomingFrom', { number: '+52 55 1234 5678' }) }).toEqual({
        code,
        text: files[code]['calls.incomingFrom']!.replace('{{number}}', '+52 55 1234 5678'),
      });
    }
  });

  it('picks the Spanish plural form for every count, millions included', async () => {
    const t = await createTranslator('es');
    expect([1, 2, 0, 1_000_000].map((count) => t('history.shown', { count }))).toEqual([
      '1 llamada cargada',
      '2 llamadas cargadas',
      '0 llamadas cargadas',
      '1000000 llamadas cargadas',
    ]);
  });
});
