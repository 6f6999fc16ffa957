import { describe, expect, it } from 'vitest';
import {
  appOrigin,
  createExternalLinkPolicy,
  createNavigationGuard,
  createPermissionCheck,
  createPermissionHandler,
  isTrustedSender,
} from '../../main/electron/security-policy';

describe('Electron host security policy (pure, tested in Node)', () => {
  const allow = createPermissionHandler();
  const check = createPermissionCheck();

  it('allows the microphone for the app itself, nothing else', () => {
    expect(allow('media', `${appOrigin}/`, ['audio'])).toBe(true);
    expect(allow('media', `${appOrigin}/`, ['audio', 'video'])).toBe(false);
    expect(allow('media', `${appOrigin}/`, ['video'])).toBe(false);
    expect(allow('media', `${appOrigin}/`, [])).toBe(false);
    for (const permission of ['notifications', 'geolocation', 'display-capture', 'midi', 'clipboard-read', 'openExternal']) {
      expect([permission, allow(permission, `${appOrigin}/`, [])]).toEqual([permission, false]);
    }
  });

  it('lets the app write to the clipboard (copy a number), never read it, and no other origin either', () => {
    expect(allow('clipboard-sanitized-write', `${appOrigin}/`, [])).toBe(true);
    expect(check('clipboard-sanitized-write', appOrigin)).toBe(true);
    expect(allow('clipboard-read', `${appOrigin}/`, [])).toBe(false);
    expect(check('clipboard-read', appOrigin)).toBe(false);
    expect(allow('clipboard-sanitized-write', 'https://evil.example/', [])).toBe(false);
  });

  it('refuses even the microphone to any other origin', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/', 'http://127.0.0.1:5173/']) {
      expect([url, allow('media', url, ['audio'])]).toEqual([url, false]);
      expect([url, check('media', url, 'audio')]).toEqual([url, false]);
    }
    expect(check('media', appOrigin, 'audio')).toBe(true);
    expect(check('media', appOrigin, 'video')).toBe(false);
  });

  it('keeps navigation on the app', () => {
    const guard = createNavigationGuard();
    expect(guard(`${appOrigin}/index.html#x`)).toBe('allow');
    expect(guard('https://pilotstatus.com.br/')).toBe('deny');
    expect(guard('app://renderer.evil/')).toBe('deny');
    expect(guard('not a url')).toBe('deny');
  });

  it('answers IPC only for frames that show the app', () => {
    expect(isTrustedSender(`${appOrigin}/`)).toBe(true);
    expect(isTrustedSender('https://evil.example/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('links the window asks to open in the system browser', () => {
  const externalLink = createExternalLinkPolicy();

  it('opens the addresses the app itself shows: Pilot Status and its help pages', () => {
    for (const url of ['https://pilotstatus.com.br/', 'https://pilotstatus.com.br/docs/calls', 'https://www.pilotstatus.com.br/ajuda']) {
      expect([url, externalLink(url)]).toEqual([url, 'open-in-browser']);
    }
  });

  it('refuses every other address, https included, and anything that is not https', () => {
    for (const url of [
      'https://evil.example/',
      'https://pilotstatus.com.br.evil.example/',
      'https://pilotstatus.com.br@evil.example/',
      'https://user:pw@pilotstatus.com.br/',
      'https://pilotstatus.com.br:8443/',
      'http://pilotstatus.com.br/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'not a url',
    ]) {
      expect([url, externalLink(url)]).toEqual([url, 'deny']);
    }
  });
});
