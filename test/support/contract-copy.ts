import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './app-process';

/**
 * Copies of the contract folder in temp dirs (with the project's node_modules
 * beside them, so zod loads and its types resolve), each edited by a test to
 * prove a structure check fails on it. `removeAll` deletes them.
 */
export const contractCopies = (prefix: string) => {
  const roots: string[] = [];
  return {
    edited(edit: (dir: string) => void): string {
      const root = mkdtempSync(join(tmpdir(), prefix));
      roots.push(root);
      symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
      const dir = join(root, 'preload/contract');
      cpSync(join(repoRoot, 'preload/contract'), dir, { recursive: true });
      edit(dir);
      return dir;
    },
    removeAll(): void {
      for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
    },
  };
};
