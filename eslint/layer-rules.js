import { posix } from 'node:path';

/**
 * Turns the layer matrix (eslint/layers.js) into flat-config blocks of
 * `@typescript-eslint/no-restricted-imports`.
 *
 * That rule sees only the import's text, never the importing file's path, so
 * the blocks are made per layer and per folder depth inside it: for a file at
 * a known depth, each refused layer is reachable by exactly one relative path
 * for each number of leading `..`, and those are spelled out as regular
 * expressions. Paths that wander (`../calls/../providers`) are not followed.
 *
 * The table's types are in eslint/layers.d.ts.
 */

/**
 * How many folders deep below a layer's root the blocks reach (the deepest today is 2). A file deeper than this would
 * get no import rule; test/unit/layering-lint.test.ts fails if any source file is left uncovered.
 */
export const maxDepth = 8;

const sourceFiles = '*.{js,mjs,cjs,ts,mts,cts,svelte}';
const codeExtension = String.raw`(?:\.(?:svelte\.)?[cm]?[jt]s|\.svelte)?`;
const isFile = (path) => /\.[a-z]+$/.test(posix.basename(path));
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const inside = (path, folder) => path.startsWith(`${folder}/`);

/** @param {import('./layers.js').Layer[]} layers */
const checkTable = (layers) => {
  const folderLayers = layers.filter((l) => 'path' in l);
  const names = new Set([...folderLayers.map((l) => l.path), ...layers.filter((l) => 'package' in l).map((l) => l.package)]);
  for (const layer of folderLayers) {
    for (const entry of [...layer.mayImport, ...(layer.mayImportTypes ?? [])]) {
      if (!names.has(entry.replace(/\/\*\*$/, ''))) throw new Error(`eslint/layers.js: ${layer.path} lists ${entry}, which is no layer`);
    }
    const parent = enclosing(folderLayers, layer.path);
    if (parent && posix.dirname(layer.path) !== parent.path) {
      throw new Error(`eslint/layers.js: ${layer.path} must sit directly in ${parent.path} (make the folders between them a layer)`);
    }
  }
};

/** The most specific folder layer holding `path`, other than `path` itself. */
const enclosing = (folderLayers, path) =>
  folderLayers.filter((l) => !isFile(l.path) && inside(path, l.path)).sort((a, b) => b.path.length - a.path.length)[0];

/** Expands `x/**` entries into x and every layer nested in x. */
const expand = (folderLayers, entries) =>
  new Set(
    entries.flatMap((entry) => {
      if (!entry.endsWith('/**')) return [entry];
      const root = entry.slice(0, -3);
      return [root, ...folderLayers.filter((l) => inside(l.path, root)).map((l) => l.path)];
    }),
  );

/**
 * A regular expression for every import text that, written in a file of
 * folder `from` (its path segments; `*` for folders whose names vary), lands
 * in layer `target` and not in a layer nested in it.
 */
const reachRegex = (from, target, nestedInTarget) => {
  const file = isFile(target);
  const targetPath = file ? target.replace(/\.[a-z]+$/, '') : target; // a file is imported without (or with any) extension
  const tail = file
    ? `${codeExtension}$`
    : [
        String.raw`(?!/\.\.)`,
        ...nestedInTarget.map((n) => (isFile(n) ? `(?!/${escapeRegex(n.replace(/\.[a-z]+$/, ''))}${codeExtension}$)` : `(?!/${escapeRegex(n)}(?:/|$))`)),
        String.raw`(?:/.*)?$`,
      ].join('');
  const alternatives = [];
  for (let up = 0; up <= from.length; up++) {
    const base = from.slice(0, from.length - up);
    if (base.includes('*')) continue; // a folder whose name varies holds no layer (the generator refuses nested layers deeper than one folder)
    const baseText = base.join('/');
    if (baseText !== '' && target !== baseText && !inside(target, baseText)) continue;
    const down = baseText === '' ? targetPath : targetPath.slice(baseText.length + 1);
    const start = up === 0 ? String.raw`\.` : String.raw`(?:\./)?\.\.` + String.raw`(?:/\.\.)`.repeat(up - 1);
    const path = down ? down.split('/').map((segment) => `/${escapeRegex(segment)}`).join('') : '';
    alternatives.push(`^${start}${path}${tail}`);
  }
  return alternatives.join('|');
};

/**
 * The flat-config blocks enforcing the matrix.
 * @param {import('./layers.js').Layer[]} layers
 */
export const layerRules = (layers) => {
  checkTable(layers);
  const folderLayers = layers.filter((l) => 'path' in l);
  const packageLayers = layers.filter((l) => 'package' in l);
  const nestedIn = (path) => folderLayers.filter((l) => enclosing(folderLayers, l.path)?.path === path).map((l) => l.path.slice(path.length + 1));
  const blocks = [];
  for (const layer of folderLayers) {
    const allowed = expand(folderLayers, layer.mayImport);
    const typesOnly = expand(folderLayers, layer.mayImportTypes ?? []);
    const mayList = [
      layer.mayImport.length ? layer.mayImport.join(', ') : 'nothing',
      ...(layer.mayImportTypes?.length ? [`types from ${layer.mayImportTypes.join(', ')}`] : []),
    ].join('; ');
    const refusal = (name, why, onlyTypes = false) =>
      `${layer.path} may not import ${name}${onlyTypes ? ' except with `import type`' : ''} (it may import ${mayList}): ${why}. Layer matrix: eslint/layers.js.`;
    const packagePatterns =
      layer.packages === false
        ? [{ regex: String.raw`^(?![./])`, caseSensitive: true, message: refusal('any package', layer.about) }]
        : packageLayers
            .filter((p) => !allowed.has(p.package))
            .map((p) => ({ regex: `^${escapeRegex(p.package)}(?:/|$)`, caseSensitive: true, message: refusal(p.package, p.about) }));
    const file = isFile(layer.path);
    const folder = file ? posix.dirname(layer.path) : layer.path;
    const nestedHere = nestedIn(layer.path);
    for (let depth = 0; depth <= (file ? 0 : maxDepth); depth++) {
      const from = [...folder.split('/'), ...Array(depth).fill('*')];
      const patterns = folderLayers
        .filter((target) => target !== layer && !allowed.has(target.path))
        .map((target) => ({
          regex: reachRegex(from, target.path, nestedIn(target.path)),
          caseSensitive: true,
          ...(typesOnly.has(target.path) ? { allowTypeImports: true } : {}),
          message: refusal(target.path, layer.about, typesOnly.has(target.path)),
        }))
        .filter((pattern) => pattern.regex !== '');
      blocks.push({
        name: `layers/${layer.path}/depth-${depth}`,
        files: [file ? layer.path : `${folder}/${'*/'.repeat(depth)}${sourceFiles}`],
        ignores: nestedHere.map((n) => (isFile(n) ? `${layer.path}/${n}` : `${layer.path}/${n}/**`)),
        rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, ...packagePatterns] }] },
      });
    }
  }
  return blocks;
};
