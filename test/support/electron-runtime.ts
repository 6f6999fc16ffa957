import { createRequire } from 'node:module';

/**
 * The Electron runtime's path, or why it is not there. On machines that
 * cannot download it (npm's allowScripts skips electron's install step),
 * Electron tests skip and print this reason.
 */
export const electronRuntime = (): { path: string } | { missing: string } => {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' ? { path } : { missing: 'the electron package named no runtime' };
  } catch (error) {
    return { missing: `Electron runtime not installed: ${(error as Error).message.split('\n')[0]}` };
  }
};
