import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { InstallKind } from '../../core/updates/update-controller';

export interface InstallFacts {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  execPath: string;
  productName: string;
  env: NodeJS.ProcessEnv;
  exists?: (path: string) => boolean;
}

/**
 * How the desktop app was installed: NSIS leaves its uninstaller beside the
 * executable and MSI does not; an AppImage runs with APPIMAGE set; deb and
 * rpm installs are neither.
 */
export const detectInstallKind = (facts: InstallFacts): InstallKind => {
  if (!facts.isPackaged) return 'development';
  const exists = facts.exists ?? existsSync;
  switch (facts.platform) {
    case 'win32':
      return exists(join(dirname(facts.execPath), `Uninstall ${facts.productName}.exe`)) ? 'nsis' : 'msi';
    case 'darwin':
      return 'mac';
    default:
      return facts.env.APPIMAGE ? 'appimage' : 'linux-package';
  }
};
