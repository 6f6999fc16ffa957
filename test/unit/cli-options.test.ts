import { describe, expect, it } from 'vitest';
import { CliError, HelpRequested, parseCliOptions } from '../../main/runtime/cli-options';

describe('command line', () => {
  it('defaults to a window, demo mode and any free port', () => {
    expect(parseCliOptions([])).toEqual({
      dataDir: null,
      port: 0,
      open: true,
      demo: true,
      demoRingTimeoutMs: undefined,
      policyDir: null,
      selfTest: false,
      json: false,
      openUrls: [],
      ignoredSwitches: [],
      call: null,
    });
  });

  it('reads every option', () => {
    expect(parseCliOptions(['--data-dir', '/tmp/x', '--port', '4123', '--no-open', '--no-demo', '--demo-ring-timeout', '5000', '--policy-dir', '/tmp/policy'])).toEqual({
      dataDir: '/tmp/x',
      port: 4123,
      open: false,
      demo: false,
      demoRingTimeoutMs: 5000,
      policyDir: '/tmp/policy',
      selfTest: false,
      json: false,
      openUrls: [],
      ignoredSwitches: [],
      call: null,
    });
    expect(parseCliOptions(['--self-test', '--json'])).toMatchObject({ selfTest: true, json: true });
  });

  it('accepts and ignores the Chromium/Electron switches Linux launchers add, and never turns them into options', () => {
    const launched = parseCliOptions([
      '--no-sandbox',
      '--ozone-platform-hint=auto',
      '--enable-features=WaylandWindowDecorations,UseOzonePlatform',
      '--disable-gpu-sandbox',
      '--enable-wayland-ime',
      '--gtk-version=4',
      '--proxy-server=http://proxy.example:3128',
      '--password-store=basic',
      '--data-dir',
      '/tmp/desk',
      '-psn_0_123456',
    ]);
    expect(launched).toMatchObject({ dataDir: '/tmp/desk', open: true, demo: true, selfTest: false });
    expect(launched.ignoredSwitches).toEqual([
      '--no-sandbox',
      '--ozone-platform-hint=auto',
      '--enable-features=WaylandWindowDecorations,UseOzonePlatform',
      '--disable-gpu-sandbox',
      '--enable-wayland-ime',
      '--gtk-version=4',
      '--proxy-server=http://proxy.example:3128',
      '--password-store=basic',
      '-psn_0_123456',
    ]);
  });

  it('takes tel: and whatsapp: links the desktop opens the app with', () => {
    expect(parseCliOptions(['tel:+5511987654321', '--no-sandbox', 'whatsapp://send?phone=5511987654321']).openUrls).toEqual([
      'tel:+5511987654321',
      'whatsapp://send?phone=5511987654321',
    ]);
    expect(() => parseCliOptions(['https://example.com/'])).toThrow(CliError);
  });

  it('explains bad options with the usage text', () => {
    expect(() => parseCliOptions(['--colour'])).toThrow(CliError);
    expect(() => parseCliOptions(['--port', 'abc'])).toThrow(/--port must be a whole number/);
    expect(() => parseCliOptions(['--demo-ring-timeout', '10'])).toThrow(/from 1000 to 600000/);
    expect(() => parseCliOptions(['--colour'])).toThrow(/--data-dir DIR/);
    // A typo of the app's own option is not mistaken for a Chromium switch.
    expect(() => parseCliOptions(['--no-demos'])).toThrow(CliError);
    expect(() => parseCliOptions(['--json'])).toThrow(/--json goes with --self-test/);
  });

  it('answers --help with the usage text and a zero exit code', () => {
    const help = (() => {
      try {
        parseCliOptions(['--help']);
      } catch (error) {
        return error;
      }
    })();
    expect(help).toBeInstanceOf(HelpRequested);
    expect(help).toMatchObject({ exitCode: 0, message: expect.stringContaining('--no-demo') });
  });
});
