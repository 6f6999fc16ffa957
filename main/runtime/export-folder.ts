import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
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
  const stream = createWriteStream(part, { flags: 'wx', mode: 0o600 });
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

/** `name.csv`, else `name (2).csv`, ... : never overwrites an earlier export. */
const freeName = (dir: string, name: string): string => {
  const ext = extname(name);
  const stem = basename(name, ext);
  for (let n = 1; ; n += 1) {
    const candidate = join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!existsSync(candidate) && !existsSync(candidate + partSuffix)) return candidate;
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
  return { open: async (suggestedName) => fileTarget(freeName(dir, suggestedName)) };
};
