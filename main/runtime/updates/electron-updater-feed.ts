import type { AppUpdater } from 'electron-updater';
import type { UpdateFeed } from '../../core/updates/update-controller';

/**
 * electron-updater behind the core's update port: the generic provider at
 * the policy's (or the build's) URL, the policy's channel, no download or
 * install of its own accord. `autoInstallOnAppQuit` is what installs a
 * downloaded update when the app quits.
 */
export const electronUpdaterFeed = (updater: AppUpdater, config: { url: string; channel: 'stable' | 'beta'; fromPolicy: boolean }): UpdateFeed => {
  if (config.fromPolicy) updater.setFeedURL({ provider: 'generic', url: config.url });
  // electron-builder publishes stable builds on the "latest" channel. Setting a channel allows downgrades; undo that.
  updater.channel = config.channel === 'beta' ? 'beta' : 'latest';
  updater.allowDowngrade = false;
  updater.allowPrerelease = config.channel === 'beta';
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = true;
  updater.disableDifferentialDownload = true;
  return {
    async check() {
      const result = await updater.checkForUpdates();
      return result?.isUpdateAvailable ? { version: result.updateInfo.version } : null;
    },
    async download() {
      await updater.downloadUpdate();
    },
    installNow() {
      updater.quitAndInstall(false, true);
    },
  };
};
