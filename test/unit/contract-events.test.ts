import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/app-process';
import { contractCopies } from '../support/contract-copy';

/**
 * The contract's event list is checked against its payload types: the names
 * in `eventNames` (what the preload and the browser host let through at run
 * time) must be exactly the members of `EventPayloads` (what the types
 * promise), read with the TypeScript compiler from the contract's source.
 */

const compilerOptions = (): ts.CompilerOptions => {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(repoRoot, 'tsconfig.node.json'), { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!parsed) throw new Error('tsconfig.node.json could not be read');
  // Only the contract's own types matter here; Node's are left out to keep each program small.
  return { ...parsed.options, noEmit: true, types: [] };
};

/** Each program hands its unchanged files (the standard library, zod's types) to the next, so the edited copies parse only what differs. */
let previousProgram: ts.Program | undefined;

interface PayloadMember {
  name: string;
  /** Where the member is declared: a domain's events interface. */
  file: string;
  start: number;
  end: number;
}

/** The members of `EventPayloads` in `<contractDir>/events.ts`, inherited ones included, with where each is declared. */
export const payloadMembers = (contractDir: string): PayloadMember[] => {
  const eventsFile = join(contractDir, 'events.ts');
  const program = ts.createProgram({ rootNames: [eventsFile], options: compilerOptions(), oldProgram: previousProgram });
  previousProgram = program;
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(eventsFile);
  if (!source) throw new Error(`${eventsFile} could not be read`);
  const declarations = source.statements.filter((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'EventPayloads');
  if (declarations.length === 0) throw new Error(`${eventsFile} declares no EventPayloads interface`);
  // A domain interface that does not resolve would silently drop its events from the list: refuse instead.
  for (const heritage of declarations.flatMap((d) => d.heritageClauses ?? []).flatMap((h) => h.types)) {
    if (checker.getTypeAtLocation(heritage).flags & ts.TypeFlags.Any) throw new Error(`EventPayloads extends ${heritage.getText()}, which does not resolve`);
  }
  return checker.getPropertiesOfType(checker.getTypeAtLocation(declarations[0]!.name)).map((member) => {
    const declaration = member.declarations?.[0];
    if (!declaration) throw new Error(`EventPayloads member ${member.getName()} has no declaration`);
    return { name: member.getName(), file: declaration.getSourceFile().fileName, start: declaration.getStart(), end: declaration.getEnd() };
  });
};

/** The names `<contractDir>/events.ts` exports as `eventNames`, as the running app sees them. */
const runtimeEventNames = async (contractDir: string): Promise<string[]> => {
  const module = (await import(pathToFileURL(join(contractDir, 'events.ts')).href)) as { eventNames?: unknown };
  if (!Array.isArray(module.eventNames)) throw new Error(`${contractDir}/events.ts exports no eventNames list`);
  return module.eventNames as string[];
};

/** Payload types with no name, and names with no payload type. */
const eventListGaps = async (contractDir: string) => {
  const members = payloadMembers(contractDir).map((m) => m.name);
  const names = await runtimeEventNames(contractDir);
  return {
    payloadsWithoutName: members.filter((m) => !names.includes(m)),
    namesWithoutPayload: names.filter((n) => !members.includes(n)),
    duplicateNames: names.filter((n, i) => names.indexOf(n) !== i),
  };
};

const realContract = join(repoRoot, 'preload/contract');
const copies = contractCopies('contract-events-');
const editedContract = copies.edited;
afterAll(() => copies.removeAll());

describe('contract events: eventNames against EventPayloads', () => {
  it('names every payload type exactly once, and nothing else', async () => {
    const members = payloadMembers(realContract).map((m) => m.name);
    // The list is read from the domains' interfaces, not assumed: these come from three different domain files.
    expect(members).toEqual(expect.arrayContaining(['calls.changed', 'media.prepare', 'accounts.changed']));
    expect(await eventListGaps(realContract)).toEqual({ payloadsWithoutName: [], namesWithoutPayload: [], duplicateNames: [] });
  });

  it('fails when a domain adds a payload type without a name', async () => {
    const [anchor] = payloadMembers(realContract).filter((m) => m.name === 'calls.changed');
    const dir = editedContract((copy) => {
      const file = join(copy, anchor!.file.slice(realContract.length + 1));
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, `${text.slice(0, anchor!.end)}\n  'calls.merged': { callId: string };${text.slice(anchor!.end)}`);
    });
    expect(payloadMembers(dir).map((m) => m.name)).toContain('calls.merged');
    expect(await eventListGaps(dir)).toMatchObject({ payloadsWithoutName: ['calls.merged'], namesWithoutPayload: [] });
  });

  it('fails when a name is left without its payload type', async () => {
    const [removed] = payloadMembers(realContract).filter((m) => m.name === 'calls.changed');
    const dir = editedContract((copy) => {
      const file = join(copy, removed!.file.slice(realContract.length + 1));
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.slice(0, removed!.start) + text.slice(removed!.end));
    });
    expect(payloadMembers(dir).map((m) => m.name)).not.toContain('calls.changed');
    expect(await eventListGaps(dir)).toMatchObject({ payloadsWithoutName: [], namesWithoutPayload: ['calls.changed'] });
  });

  it('refuses to judge a contract whose domain events do not resolve', () => {
    const dir = editedContract((copy) => rmSync(join(copy, 'diagnostics.ts')));
    expect(() => payloadMembers(dir)).toThrow(/EventPayloads extends NotificationEvents, which does not resolve/);
  });
});
