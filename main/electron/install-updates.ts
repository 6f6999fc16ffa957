import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UpdateSetup } from '../runtime/deployment';
import { electronUpdaterFeed } from '../runtime/updates/electron-updater-feed';
import { detectInstallKind } from '../runtime/updates/install-kind';

/** The update server electron-builder wrote into the package (publish.url at build time), if any. */
const buildUpdateUrl = (): string | null => {
  try {
    return /^url:\s*(\S+)/m.exec(readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
};

/** The desktop app's updater for the core's update decisions: electron-updater, made only when updates are on. */
export const electronUpdateSetup = (): UpdateSetup => ({
  installKind: detectInstallKind({ platform: process.platform, isPackaged: app.isPackaged, execPath: process.execPath, productName: app.getName(), env: process.env }),
  buildUrl: buildUpdateUrl(),
  feed: (config) => electronUpdaterFeed(electronUpdater.autoUpdater, config),
});
