import { describe, expect, it } from 'vitest';
import { CliError, HelpRequested, parseCliOptions } from '../../main/runtime/cli-options';

describe('command line', () => {
  it('defaults to a window, demo mode and any free port', () => {
    expect(parseCliOptions([])).toEqual({ dataDir: null, port: 0, open: true, demo: true, demoRingTimeoutMs: undefined, call: null });
  });

  it('reads every option', () => {
    expect(parseCliOptions(['--data-dir', '/tmp/x', '--port', '4123', '--no-open', '--no-demo', '--demo-ring-timeout', '5000'])).toEqual({
      dataDir: '/tmp/x',
      port: 4123,
      open: false,
      demo: false,
      demoRingTimeoutMs: 5000,
      call: null,
    });
  });

  it('explains bad options with the usage text', () => {
    expect(() => parseCliOptions(['--colour'])).toThrow(CliError);
    expect(() => parseCliOptions(['--port', 'abc'])).toThrow(/--port must be a whole number/);
    expect(() => parseCliOptions(['--demo-ring-timeout', '10'])).toThrow(/from 1000 to 600000/);
    expect(() => parseCliOptions(['--colour'])).toThrow(/--data-dir DIR/);
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
