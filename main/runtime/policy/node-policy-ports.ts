import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import type { PolicyFiles } from '../../core/settings/policy/policy-files';
import type { RegistryPort } from '../../core/settings/policy/windows-registry-source';

const missing = (error: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

/** Policy files on this computer's disk. */
export const nodePolicyFiles: PolicyFiles = {
  async read(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  },
  async list(dir) {
    try {
      return await readdir(dir);
    } catch (error) {
      if (missing(error)) return [];
      throw error;
    }
  },
};

/** `reg.exe query KEY /s`: its output, or null when the key does not exist (reg exits 1). */
export const regExeRegistry: RegistryPort = {
  query: (key) =>
    new Promise((resolve, reject) => {
      execFile('reg', ['query', key, '/s'], { windowsHide: true, encoding: 'utf8', timeout: 10_000 }, (error, stdout, stderr) => {
        if (!error) resolve(stdout);
        else if ((error as { code?: unknown }).code === 1 || /unable to find/i.test(stderr)) resolve(null);
        else reject(new Error(`reg query ${key} failed: ${stderr || error.message}`));
      });
    }),
};
