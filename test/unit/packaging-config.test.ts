import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parse as parsePlist } from 'plist';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkSchemes, schemesToRegister } from '../../main/electron/link-schemes';
import { repoRoot } from '../support/app-process';
import { icnsEntries, icoEntries, pngSize } from '../support/icon-files';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { minimatch } = require('minimatch') as { minimatch: (path: string, pattern: string, options?: { dot?: boolean }) => boolean };

type Target = { target: string; arch: string[] };
interface BuilderConfig {
  appId: string;
  productName: string;
  artifactName: string;
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  files: { filter: string[] }[];
  protocols: { name: string; schemes: string[] }[];
  publish: { provider: string; url: string; channel?: string };
  win: { icon: string; target: Target[] };
  nsis: Record<string, unknown>;
  msi: Record<string, unknown>;
  mac: { icon: string; target: Target[]; hardenedRuntime: boolean; notarize: boolean; entitlements: string; entitlementsInherit: string; extendInfo: Record<string, string> };
  linux: { icon: string; category: string; target: Target[]; mimeTypes: string[]; executableName: string; desktop: { entry: Record<string, string> } };
  appImage: { executableArgs: string[] };
}

const loadConfig = async (): Promise<BuilderConfig> => (await getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'), null)) as unknown as BuilderConfig;

/** The MSI's upgrade code: fixed forever, or Windows installs a second copy beside the old one. */
const msiUpgradeCode = '15C3D473-0524-4F97-A0E8-B95E31F532D3';

/** Production dependencies (as `npm ls` resolves them) that carry a compiled Node add-on. */
const nativeModules = (): { name: string; files: string[] }[] => {
  const dirs = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n')
    .filter((dir) => dir && dir !== repoRoot && existsSync(dir));
  const addOns = (dir: string, depth = 0): string[] =>
    depth > 4
      ? []
      : readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
          if (entry.name === 'node_modules') return [];
          const path = join(dir, entry.name);
          if (entry.isDirectory()) return addOns(path, depth + 1);
          return entry.name.endsWith('.node') || entry.name === 'binding.gyp' ? [relative(repoRoot, path)] : [];
        });
  return [...new Set(dirs)].map((dir) => ({ name: relative(join(repoRoot, 'node_modules'), dir), files: addOns(dir) })).filter((m) => m.files.length > 0);
};

describe('electron-builder configuration (validated offline)', () => {
  let config: BuilderConfig;
  beforeAll(async () => {
    config = await loadConfig();
  });

  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(await loadConfig(), new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({ appId: 'br.com.pilotstatus.softphone', productName: 'Pilot Softphone' });
  });

  it('builds NSIS (per-user, the person may pick per-machine) and a per-machine MSI with a fixed upgrade code for Windows', () => {
    expect(config.win.target).toEqual(expect.arrayContaining([{ target: 'nsis', arch: ['x64'] }, { target: 'msi', arch: ['x64'] }]));
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.msi).toMatchObject({ perMachine: true, upgradeCode: msiUpgradeCode });
  });

  it('builds dmg and zip for Intel and Apple silicon, hardened, notarized from the environment, with the microphone entitlement', () => {
    for (const target of ['dmg', 'zip']) {
      expect(config.mac.target.find((t) => t.target === target)?.arch.sort()).toEqual(['arm64', 'x64']);
    }
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    expect(config.mac.extendInfo.NSUserNotificationAlertStyle).toBe('alert');
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const entitlements = parsePlist(readFileSync(join(repoRoot, file), 'utf8')) as Record<string, unknown>;
      expect(entitlements).toMatchObject({ 'com.apple.security.device.audio-input': true, 'com.apple.security.cs.allow-jit': true });
    }
    // Notarization credentials come from APPLE_* environment variables on the build machine, never from this file.
    expect(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')).not.toMatch(/appleId|appleIdPassword|teamId|password\s*:/i);
  });

  it('builds AppImage, deb and rpm for Linux with a desktop entry, icons, category, window class and the link types', () => {
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.linux.category.split(';')).toContain('Network');
    expect(config.linux.desktop.entry.StartupWMClass).toBe('PilotSoftphone');
    expect(config.linux.mimeTypes).toEqual(expect.arrayContaining(['x-scheme-handler/tel', 'x-scheme-handler/whatsapp']));
    // The desktop entry never turns Chromium's sandbox off (AppImage's default would).
    expect(config.appImage.executableArgs).toBeDefined();
    expect(config.appImage.executableArgs).not.toContain('--no-sandbox');
  });

  it('ships icons at every size Linux, Windows and macOS look for', () => {
    const linuxIcons = join(repoRoot, config.linux.icon);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(readFileSync(join(linuxIcons, `${size}x${size}.png`))), `${size}x${size}.png`).toEqual({ width: size, height: size });
    }
    expect(icoEntries(readFileSync(join(repoRoot, config.win.icon))).map((e) => e.width)).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    const icns = icnsEntries(readFileSync(join(repoRoot, config.mac.icon)));
    expect(icns.map((e) => e.type)).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));
    for (const entry of icns) expect(pngSize(entry.data).width, entry.type).toBeGreaterThanOrEqual(16);
  });

  it('registers tel: and whatsapp:, names installers by product, version, OS and arch, and publishes to a generic URL from the build environment', () => {
    expect(config.protocols.flatMap((p) => p.schemes).sort()).toEqual(['tel', 'whatsapp']);
    // Windows installers do not write the handlers (per-user NSIS, MSI): the packaged app registers the same schemes.
    expect([...linkSchemes].sort()).toEqual(config.protocols.flatMap((p) => p.schemes).sort());
    expect(schemesToRegister('win32', true).sort()).toEqual(['tel', 'whatsapp']);
    expect([schemesToRegister('win32', false), schemesToRegister('darwin', true), schemesToRegister('linux', true)]).toEqual([[], [], []]);
    for (const macro of ['${version}', '${os}', '${arch}']) expect(config.artifactName).toContain(macro);
    expect(config.artifactName).toMatch(/^Pilot-Softphone-/);
    expect(config.publish).toMatchObject({ provider: 'generic', url: '${env.PILOT_UPDATE_URL}' });
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('unpacks every native module the app depends on (as npm ls resolves them) from the asar', () => {
    const modules = nativeModules();
    expect(modules.map((m) => m.name)).toEqual(expect.arrayContaining(['better-sqlite3']));
    expect(modules.some((m) => m.name.startsWith('@napi-rs/keyring'))).toBe(true);
    for (const module of modules) {
      for (const file of module.files) {
        expect(config.asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true })), `${file} is not unpacked`).toBe(true);
      }
    }
  });

  it('points the app at the built Electron entry', () => {
    const pkg = require(join(repoRoot, 'package.json')) as { main: string; devDependencies: Record<string, string> };
    expect(pkg.main).toBe('dist/main/electron.js');
    expect(pkg.devDependencies.electron).toMatch(/^41\./);
  });

  it('registers tel: and WhatsApp links, which the Linux desktop entry lists as MimeType', async () => {
    const config = (await getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'), null)) as { protocols: { schemes: string[] }[]; linux: Record<string, unknown> };
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual(['tel', 'whatsapp']);
    // electron-builder's own desktop-entry writer, fed this configuration.
    const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper') as {
      LinuxTargetHelper: new (packager: unknown) => { computeDesktopEntry(options: unknown, exec?: string, extra?: unknown): Promise<string> };
    };
    const packager = {
      appInfo: { productName: 'Pilot Softphone', sanitizedProductName: 'pilot-softphone', description: 'Softphone', version: '0.1.0' },
      executableName: 'pilot-softphone',
      fileAssociations: [],
      config,
      platformSpecificBuildOptions: config.linux,
      info: { metadata: { desktopName: 'pilot-softphone.desktop' } },
    };
    const entry = await new LinuxTargetHelper(packager).computeDesktopEntry(config.linux);
    expect(entry).toContain('MimeType=x-scheme-handler/tel;x-scheme-handler/whatsapp;');
    // The link reaches the app as its argument.
    expect(entry).toMatch(/^Exec=.*pilot-softphone %U$/m);
  });
});
