import { createWriteStream, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { ExportDestination, ExportTarget } from '../core/call-log/export-destination';

const partSuffix = '.part';

/**
 * Writes one file as `<path>.part` and renames it to `<path>` on commit, so
 * a file under its final name is always complete. Shared by both hosts: the
 * Electron host gets `path` from its save dialog.
 */
export const fileTarget = (path: string): ExportTarget => {
  const part = path + partSuffix;
  // Opened here, at once: the name is taken before anyone else can pick it (an export started in the same second).
  const stream = createWriteStream(part, { fd: openSync(part, 'wx', 0o600) });
  return {
    path,
    stream,
    commit: async () => {
      if (!stream.writableFinished) await finished(stream);
      renameSync(part, path);
    },
    discard: async () => {
      stream.destroy();
      rmSync(part, { force: true });
    },
  };
};

/**
 * A target under `name.csv`, else `name (2).csv`, ...: never overwrites an
 * earlier export, and two exports started together never get the same name
 * (the first free one is taken by creating its part file).
 */
const freeTarget = (dir: string, name: string): ExportTarget => {
  const ext = extname(name);
  const stem = basename(name, ext);
  for (let n = 1; ; n += 1) {
    const candidate = join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    if (existsSync(candidate)) continue;
    try {
      return fileTarget(candidate);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
};

/**
 * The browser host's "save file": an `exports` folder in the profile, whose
 * path the app shows after each export. Unfinished `.part` files left by a
 * crash are removed when it is created.
 */
export const exportFolderDestination = (dir: string): ExportDestination => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const entry of readdirSync(dir)) {
    if (entry.endsWith(partSuffix)) rmSync(join(dir, entry), { force: true });
  }
  return { open: async (suggestedName) => freeTarget(dir, suggestedName) };
};
