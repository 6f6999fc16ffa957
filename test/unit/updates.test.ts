import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateOffCause, UpdateView } from '../../preload/contract';
import { silentLogger } from '../../main/core/logging/logger';
import type { UpdatePolicy } from '../../main/core/settings/policy/managed-policy';
import { UpdateController, type InstallKind, type UpdateFeed } from '../../main/core/updates/update-controller';
import { detectInstallKind } from '../../main/runtime/updates/install-kind';
import { electronUpdaterFeed } from '../../main/runtime/updates/electron-updater-feed';
import { nodeAppImageUpdater, startUpdateServer } from '../support/update-server';

type Server = Awaited<ReturnType<typeof startUpdateServer>>;
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const serve = async (...releases: Parameters<typeof startUpdateServer>[0]) => {
  const server = await startUpdateServer(releases);
  servers.push(server);
  return server;
};

/**
 * The controller over electron-updater's real AppImage updater, against a
 * local update server. Installing is recorded instead of replacing this
 * process; the rest (check, download, checksum) is electron-updater's.
 */
const controllerFor = (server: Server, options: { policy?: Partial<UpdatePolicy>; installKind?: InstallKind; busy?: () => boolean } = {}) => {
  const { updater } = nodeAppImageUpdater('0.1.0');
  const installs: string[] = [];
  const views: UpdateView[] = [];
  const timers: (() => void)[] = [];
  let feedsMade = 0;
  const controller = new UpdateController({
    policy: { enabled: true, channel: 'stable', url: server.url, ...options.policy },
    buildUrl: null,
    installKind: options.installKind ?? 'appimage',
    currentVersion: '0.1.0',
    feed: (config): UpdateFeed => {
      feedsMade += 1;
      const real = electronUpdaterFeed(updater, { ...config, fromPolicy: true });
      return { ...real, installNow: () => void installs.push('installed') };
    },
    callsBusy: options.busy ?? (() => false),
    emit: (view) => views.push(view),
    logger: silentLogger(),
    setInterval: (run) => timers.push(run),
    clearInterval: () => {},
  });
  return { controller, updater, installs, views, timers, feeds: () => feedsMade };
};

const settled = async (controller: UpdateController) => {
  await controller.check();
  return controller.status();
};

describe('updates (electron-updater, generic provider, a local update server)', () => {
  it('looks at start, downloads in the background, and an update offered mid-call installs only after the call', async () => {
    const server = await serve({ channel: 'latest', version: '0.2.0' });
    let onCall = true;
    const { controller, updater, installs } = controllerFor(server, { busy: () => onCall });
    controller.start();
    expect(await settled(controller)).toMatchObject({ state: 'ready', availableVersion: '0.2.0', waitingForCalls: true });
    expect(server.requests).toEqual(['/softphone/latest-linux.yml', '/softphone/Pilot-Softphone-0.2.0-linux-x86_64.AppImage']);
    // Quitting installs it (electron-updater's own on-quit install), the app never restarts by itself.
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.autoDownload).toBe(false);
    expect(() => controller.installNow()).toThrow(expect.objectContaining({ code: 'UPDATE_WAITS_FOR_CALL' }));
    expect(installs).toEqual([]);
    onCall = false;
    expect(controller.status().waitingForCalls).toBe(false);
    controller.installNow();
    expect(installs).toEqual(['installed']);
  });

  it('looks again every few hours and stays idle while this version is current', async () => {
    const server = await serve({ channel: 'latest', version: '0.1.0' });
    const { controller, timers } = controllerFor(server);
    controller.start();
    expect(await settled(controller)).toMatchObject({ state: 'idle' });
    expect(timers).toHaveLength(1);
    timers[0]!();
    await controller.check();
    expect(server.requests).toEqual(['/softphone/latest-linux.yml', '/softphone/latest-linux.yml']);
    expect(() => controller.installNow()).toThrow(expect.objectContaining({ code: 'UPDATE_NOT_READY' }));
  });

  it('follows the beta channel when policy says so', async () => {
    const server = await serve({ channel: 'latest', version: '0.1.0' }, { channel: 'beta', version: '0.3.0-beta.1' });
    const { controller } = controllerFor(server, { policy: { channel: 'beta' } });
    controller.start();
    expect(await settled(controller)).toMatchObject({ state: 'ready', channel: 'beta', availableVersion: '0.3.0-beta.1' });
    expect(server.requests[0]).toBe('/softphone/beta-linux.yml');
  });

  it('says a failed check failed and tries again later', async () => {
    const server = await serve({ channel: 'latest', version: '0.2.0' });
    server.fail(true);
    const { controller, timers } = controllerFor(server);
    controller.start();
    expect(await settled(controller)).toMatchObject({ state: 'failed', reason: expect.stringMatching(/503/) });
    server.fail(false);
    timers[0]!();
    expect(await settled(controller)).toMatchObject({ state: 'ready' });
  });

  it('refuses a download whose checksum does not match latest.yml', async () => {
    const server = await serve({ channel: 'latest', version: '0.2.0' });
    server.tamper();
    const { controller, installs } = controllerFor(server);
    controller.start();
    expect(await settled(controller)).toMatchObject({ state: 'failed', reason: expect.stringMatching(/sha512 checksum mismatch/) });
    expect(() => controller.installNow()).toThrow(expect.objectContaining({ code: 'UPDATE_NOT_READY' }));
    expect(installs).toEqual([]);
  });

  it.each<[string, Partial<UpdatePolicy>, InstallKind, RegExp, UpdateOffCause]>([
    ['policy turned updates off', { enabled: false }, 'appimage', /organization turned updates off/, 'policy'],
    ['a per-machine MSI install', {}, 'msi', /IT deploys new versions/, 'msi'],
    ['a deb or rpm install', {}, 'linux-package', /package manager/, 'linux-package'],
    ['no update server', { url: null }, 'appimage', /No update server/, 'no-server'],
  ])('makes no request at all with %s', async (_, policy, installKind, reason, offBy) => {
    const server = await serve({ channel: 'latest', version: '0.2.0' });
    const { controller, timers, feeds } = controllerFor(server, { policy, installKind });
    controller.start();
    expect(await settled(controller)).toMatchObject({ state: 'off', reason: expect.stringMatching(reason), offBy });
    expect(timers).toEqual([]);
    expect(feeds()).toBe(0);
    expect(server.requests).toEqual([]);
  });
});

describe('how the desktop app was installed', () => {
  const facts = { isPackaged: true, productName: 'Pilot Softphone', env: {} };
  it('tells NSIS from MSI by the uninstaller NSIS leaves beside the executable', () => {
    const nsis = detectInstallKind({ ...facts, platform: 'win32', execPath: 'C:\\Users\\ana\\AppData\\Local\\Programs\\pilot-softphone\\Pilot Softphone.exe', exists: (p) => p.endsWith('Uninstall Pilot Softphone.exe') });
    expect(nsis).toBe('nsis');
    expect(detectInstallKind({ ...facts, platform: 'win32', execPath: 'C:\\Program Files\\Pilot Softphone\\Pilot Softphone.exe', exists: () => false })).toBe('msi');
  });
  it('tells an AppImage from a deb/rpm install, and a development build from both', () => {
    expect(detectInstallKind({ ...facts, platform: 'linux', execPath: '/tmp/.mount/pilot-softphone', env: { APPIMAGE: '/home/ana/Pilot.AppImage' } })).toBe('appimage');
    expect(detectInstallKind({ ...facts, platform: 'linux', execPath: '/opt/Pilot Softphone/pilot-softphone' })).toBe('linux-package');
    expect(detectInstallKind({ ...facts, isPackaged: false, platform: 'darwin', execPath: '/x' })).toBe('development');
  });
});
