import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCallLink, numberInCallLink } from '../../preload/contract/constants';
import { ClickToCall, numberToCall } from '../../main/core/click-to-call/click-to-call';
import { silentLogger } from '../../main/core/logging/logger';
import { CliError, parseCliOptions } from '../../main/runtime/cli-options';
import { HandedOver, lockProfile, ProfileInUse } from '../../main/runtime/profile-lock';
import { callInArgv } from '../../main/electron/second-start';
import type { DialRequest } from '../../preload/contract';
import { ManualClock } from '../support/manual-clock';
import { tempDir } from '../support/temp-dir';

describe('click-to-call links', () => {
  it.each([
    ['tel:+55-11-98765-4321', '+55-11-98765-4321'],
    ['tel:%2B5511987654321', '+5511987654321'],
    ['TEL:(11) 98765-4321;ext=2', '(11) 98765-4321'],
    ['https://wa.me/5511987654321', '+5511987654321'],
    ['wa.me/5511987654321?text=oi', '+5511987654321'],
    ['whatsapp://send?phone=5511987654321&text=oi', '+5511987654321'],
    ['whatsapp://send/?phone=%2B5511987654321', '+5511987654321'],
    ['https://api.whatsapp.com/send?phone=5511987654321', '+5511987654321'],
    ['(11) 98765-4321', '(11) 98765-4321'],
  ])('%s carries %s', (link, inside) => {
    expect(numberInCallLink(link)).toBe(inside);
  });

  it('a link without a number carries none', () => {
    expect(numberInCallLink('https://wa.me/')).toBeNull();
    expect(numberInCallLink('tel:')).toBeNull();
    expect(numberInCallLink('whatsapp://send?text=hello')).toBeNull();
    expect(isCallLink('https://wa.me/55')).toBe(true);
    expect(isCallLink('https://example.com/5511')).toBe(false);
  });

  it('turns links and typed numbers into E.164, Brazilian formats first, and refuses junk with a reason', () => {
    expect(numberToCall('tel:+55-11-98765-4321')).toBe('+5511987654321');
    expect(numberToCall('https://wa.me/5521998877665')).toBe('+5521998877665');
    expect(numberToCall('(11) 98765-4321')).toBe('+5511987654321');
    expect(() => numberToCall('banana')).toThrow(expect.objectContaining({ code: 'PHONE_INVALID' }));
    expect(() => numberToCall('https://wa.me/')).toThrow(expect.objectContaining({ code: 'CALL_LINK_EMPTY' }));
  });

  it('tells the windows at once and keeps the request a while for a window that connects later, which takes it once', () => {
    const clock = new ManualClock();
    const emitted: DialRequest[] = [];
    const clickToCall = new ClickToCall({ clock, logger: silentLogger(), emit: (_event, payload) => emitted.push(payload as DialRequest) });
    const request = clickToCall.request('tel:+5511987654321', 'link');
    expect(emitted).toEqual([request]);
    expect(request).toMatchObject({ number: '+5511987654321', source: 'link' });
    expect(clickToCall.take()).toEqual(request);
    expect(clickToCall.take()).toBeNull();
    clickToCall.request('+5511987654321', 'command-line');
    clock.advance(121_000);
    expect(clickToCall.take()).toBeNull();
  });
});

describe('--call and links on the command line', () => {
  it('reads --call and a link the desktop passes as an argument', () => {
    expect(parseCliOptions(['--call', '+55 11 98765-4321']).call).toBe('+5511987654321');
    expect(parseCliOptions(['--call', 'https://wa.me/5511987654321']).call).toBe('+5511987654321');
    expect(parseCliOptions(['--no-open', 'tel:+5521998877665']).call).toBe('+5521998877665');
    expect(parseCliOptions([]).call).toBeNull();
  });

  it('refuses junk with a sentence and the usage for stray arguments', () => {
    expect(() => parseCliOptions(['--call', 'abc'])).toThrow(CliError);
    expect(() => parseCliOptions(['--call', 'abc'])).toThrow(/"abc" is not a phone number that can be called/);
    expect(() => parseCliOptions(['--call', 'https://wa.me/'])).toThrow(/has no phone number in it/);
    expect(() => parseCliOptions(['whatsapp://send?text=oi'])).toThrow(/has no phone number in it/);
    expect(() => parseCliOptions(['hello'])).toThrow(/hello[\s\S]*--call NUMBER/);
  });

  it('finds the number in the command line Electron hands the first copy, among Chromium switches', () => {
    expect(callInArgv(['/opt/Pilot', '--allow-file-access-from-files', '--call', '(11) 98765-4321'])).toBe('+5511987654321');
    expect(callInArgv(['/opt/Pilot', '--call=+5521998877665'])).toBe('+5521998877665');
    expect(callInArgv(['/opt/Pilot', 'whatsapp://send?phone=5531991234567'])).toBe('+5531991234567');
    expect(callInArgv(['/opt/Pilot', '--no-sandbox'])).toBeNull();
    expect(() => callInArgv(['/opt/Pilot', '--call', 'nope'])).toThrow(expect.objectContaining({ code: 'PHONE_INVALID' }));
  });
});

describe('a second start hands its number to the running copy', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir('pilot-forward-')));
  afterEach(() => temp.remove());

  it('the running copy gets the number over the profile lock and the second start ends as handed over (exit 0)', async () => {
    const lock = await lockProfile(temp.path);
    const received: string[] = [];
    const handedOver = lockProfile(temp.path, { forwardCall: '+5511987654321' });
    // A number that arrives before the running copy is ready to take it waits for it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    lock.onForwardedCall((number) => void received.push(number));
    await expect(handedOver).rejects.toBeInstanceOf(HandedOver);
    await expect(handedOver).rejects.toMatchObject({ exitCode: 0, message: expect.stringContaining('+5511987654321') });
    expect(received).toEqual(['+5511987654321']);
    // Without a number, the second start is still refused as before.
    await expect(lockProfile(temp.path)).rejects.toBeInstanceOf(ProfileInUse);
    await lock.release();
  });

  it('a number the running copy refuses fails the second start with its sentence', async () => {
    const lock = await lockProfile(temp.path);
    lock.onForwardedCall(() => {
      throw new Error('"+1" is not a phone number that can be called');
    });
    await expect(lockProfile(temp.path, { forwardCall: '+1' })).rejects.toThrow(/could not take the number: "\+1" is not a phone number/);
    await lock.release();
  });

  it('ignores what is not a request, and a client that sends nothing, and keeps serving', async () => {
    const lock = await lockProfile(temp.path);
    const received: string[] = [];
    lock.onForwardedCall((number) => void received.push(number));
    const { lockAddress } = await import('../../main/runtime/profile-lock');
    const send = (text: string) =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [
          '-e',
          `const s = require('node:net').createConnection(${JSON.stringify(lockAddress(temp.path))}); s.on('connect', () => s.write(${JSON.stringify(text)})); let r = ''; s.on('data', (d) => (r += d)); s.on('close', () => { process.stdout.write(r); });`,
        ]);
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', () => resolve(out));
      });
    expect(await send('{"dial":"+5511"}\n')).toBe('{"ok":false,"message":"not a request"}\n');
    expect(await send('x'.repeat(5000))).toBe('');
    await expect(lockProfile(temp.path, { forwardCall: '+5521998877665' })).rejects.toBeInstanceOf(HandedOver);
    expect(received).toEqual(['+5521998877665']);
    await lock.release();
  });
});
