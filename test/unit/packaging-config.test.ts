import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/app-process';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder configuration (validated offline)', () => {
  it('passes electron-builder\'s own schema validation', async () => {
    const config = await getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({ appId: 'br.com.pilotstatus.softphone', productName: 'Pilot Softphone' });
  });

  it('flips the security fuses and packages only the build output', async () => {
    const config = (await getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'), null)) as {
      electronFuses: Record<string, boolean>;
      files: { filter: string[] }[];
      mac: { entitlements: string; extendInfo: Record<string, string> };
    };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    expect(config.files).toEqual([{ filter: ['dist/**/*', '!dist/**/*.map', 'package.json'] }]);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    expect(existsSync(join(repoRoot, config.mac.entitlements))).toBe(true);
  });

  it('points the app at the built Electron entry', async () => {
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
