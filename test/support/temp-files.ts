import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the system temp dir, emptied by `cleanup` (and made again by the next `file`). */
export const tempDir = (prefix = 'pilot-test-'): { dir: string; file: (name: string) => string; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name) => {
      mkdirSync(dir, { recursive: true });
      return join(dir, name);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};
