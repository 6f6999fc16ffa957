import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { commandNames } from '../../preload/contract/commands';
import { repoRoot } from '../support/app-process';
import { contractCopies } from '../support/contract-copy';

/**
 * The contract folder's shape: each command name is defined by one domain
 * only, and the constants the renderer bundles import nothing.
 */

const contractDir = join(repoRoot, 'preload/contract');
const parse = (file: string, text = readFileSync(file, 'utf8')) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

/** `x`, `x as const`, `x satisfies T`, `(x)` → x */
const unwrap = (node: ts.Expression): ts.Expression =>
  ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node;

/** Each domain's exported `…Commands` object literal, by file. */
const domainCommandObjects = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .flatMap((name) => {
      const source = parse(join(dir, name));
      return source.statements.filter(ts.isVariableStatement).flatMap((statement) =>
        statement.declarationList.declarations.flatMap((declaration) => {
          const init = declaration.initializer && unwrap(declaration.initializer);
          return ts.isIdentifier(declaration.name) && /Commands$/.test(declaration.name.text) && init && ts.isObjectLiteralExpression(init)
            ? [{ file: name, variable: declaration.name.text, object: init, source }]
            : [];
        }),
      );
    });

const propertyName = (property: ts.ObjectLiteralElementLike, source: ts.SourceFile) =>
  property.name && (ts.isStringLiteral(property.name) || ts.isIdentifier(property.name)) ? property.name.text : property.name?.getText(source) ?? '(spread)';

/** Command names written in more than one place (two domains, or twice in one), as `name: file, file`. */
const commandsDefinedTwice = (dir: string): string[] => {
  const where = new Map<string, string[]>();
  for (const { file, object, source } of domainCommandObjects(dir)) {
    for (const property of object.properties) where.set(propertyName(property, source), [...(where.get(propertyName(property, source)) ?? []), file]);
  }
  return [...where].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
};

/** Every module a source names: imports, re-exports, `import x = require()`, `import()` and `require()` calls, `import('x')` types. */
export const modulesNamedBy = (source: ts.SourceFile): string[] => {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) found.push(node.moduleReference.expression.getText(source));
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const [argument] = node.arguments;
      found.push(argument && ts.isStringLiteralLike(argument) ? argument.text : (argument?.getText(source) ?? '(no argument)'));
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) found.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

const copies = contractCopies('contract-structure-');
const editedContract = copies.edited;
afterAll(() => copies.removeAll());

/** In the copy, the demo domain also defines the first command of the calls domain. */
const duplicateACallCommandInDemo = (dir: string) => {
  const objects = domainCommandObjects(dir);
  const calls = objects.find((o) => o.variable === 'callCommands')!;
  const demo = objects.find((o) => o.variable === 'demoCommands')!;
  const taken = calls.object.properties[0]!;
  const text = readFileSync(join(dir, demo.file), 'utf8');
  const at = demo.object.getStart(demo.source) + 1;
  writeFileSync(join(dir, demo.file), `${text.slice(0, at)}\n  ${taken.getText(calls.source)},${text.slice(at)}`);
  return propertyName(taken, calls.source);
};

describe('contract commands: each name defined once', () => {
  it('finds every domain\'s commands, each name in one place only', () => {
    const objects = domainCommandObjects(contractDir);
    expect(objects.map((o) => o.variable)).toEqual(expect.arrayContaining(['appCommands', 'callCommands', 'demoCommands', 'historyCommands']));
    expect(objects.reduce((sum, o) => sum + o.object.properties.length, 0)).toBe(commandNames.length);
    expect(commandsDefinedTwice(contractDir)).toEqual([]);
  });

  it('names each command namespace.verb, as the preload builds `pilot.<namespace>.<verb>` from it', () => {
    expect(commandNames.filter((name) => !/^[a-zA-Z]+\.[a-zA-Z]+$/.test(name))).toEqual([]);
  });

  it('refuses, at load, a contract where two domains define the same name', async () => {
    let duplicated = '';
    const dir = editedContract((copy) => {
      duplicated = duplicateACallCommandInDemo(copy);
    });
    expect(commandsDefinedTwice(dir)).toEqual([`${duplicated}: calls.ts, demo.ts`]);
    await expect(import(pathToFileURL(join(dir, 'commands.ts')).href)).rejects.toThrow('Two contract domains define the same command name');
  });

  it('loads the contract as it is', async () => {
    const dir = editedContract(() => {});
    const copy = (await import(pathToFileURL(join(dir, 'commands.ts')).href)) as { commandNames: string[] };
    expect(copy.commandNames).toEqual(commandNames);
  });
});

describe('contract constants', () => {
  const constantsFile = join(contractDir, 'constants.ts');

  it('import nothing: the renderer bundles them as code', () => {
    expect(modulesNamedBy(parse(constantsFile))).toEqual([]);
  });

  it('would be caught importing anything, in any form', () => {
    const text = readFileSync(constantsFile, 'utf8');
    const additions = [
      "import { z } from 'zod';",
      "import type { Ack } from './define';",
      "export * from './result';",
      "export type Lazy = typeof import('./transport');",
      "export const later = () => import('./events');",
      "const legacy = require('./app');",
    ];
    expect(modulesNamedBy(parse(constantsFile, `${additions.join('\n')}\n${text}`))).toEqual(['zod', './define', './result', './transport', './events', './app']);
  });
});
