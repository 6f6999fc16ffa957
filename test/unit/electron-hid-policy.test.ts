import { describe, expect, it } from 'vitest';
import { createDevicePermission, createHidDeviceChooser, exposesTelephony } from '../../main/electron/hid-device-policy';
import { appOrigin, createPermissionCheck, createPermissionHandler } from '../../main/electron/security-policy';
import { eposImpactD, jabraLink380c, polyBlackwire3220, type RecordedHeadset } from '../fixtures/hid';
import { hexBytes, parseReportDescriptor } from '../support/hid-report-descriptor';

/** Electron describes a HID device with the collections Chromium parsed from its descriptor. */
const hidDevice = (deviceId: string, headset: RecordedHeadset) => ({ deviceId, name: headset.productName, vendorId: headset.vendorId, productId: headset.productId, collections: parseReportDescriptor(hexBytes(headset.descriptor)) });
// A boot keyboard (HID 1.11, appendix B.1) and a FIDO security key: HID devices that are not headsets.
const keyboard = { deviceId: 'kbd', collections: parseReportDescriptor(hexBytes('05 01 09 06 A1 01 05 07 19 E0 29 E7 15 00 25 01 75 01 95 08 81 02 95 01 75 08 81 01 C0')) };
const securityKey = { deviceId: 'fido', collections: parseReportDescriptor(hexBytes('06 D0 F1 09 01 A1 01 09 20 15 00 26 FF 00 75 08 95 40 81 02 09 21 91 02 C0')) };
// Jabra's consumer collection alone: its volume keys, without the Telephony collection.
const volumeKeysOnly = { deviceId: 'vol', collections: parseReportDescriptor(hexBytes(jabraLink380c.descriptor)).filter((c) => c.usagePage === 0x0c) };

describe('Electron: which HID devices the window may reach (pure, tested in Node)', () => {
  const allow = createDevicePermission();
  const choose = createHidDeviceChooser();

  it('headsets are the devices with a Telephony collection', () => {
    for (const headset of [jabraLink380c, polyBlackwire3220, eposImpactD]) expect([headset.productName, exposesTelephony(hidDevice('h', headset))]).toEqual([headset.productName, true]);
    for (const other of [keyboard, securityKey, volumeKeysOnly, { deviceId: 'none' }]) expect([other.deviceId, exposesTelephony(other)]).toEqual([other.deviceId, false]);
  });

  it('grants the app every headset (so getDevices finds it after a restart), nothing else', () => {
    expect(allow({ deviceType: 'hid', origin: appOrigin, device: hidDevice('h', jabraLink380c) })).toBe(true);
    for (const device of [keyboard, securityKey, volumeKeysOnly]) expect(allow({ deviceType: 'hid', origin: appOrigin, device })).toBe(false);
    // Serial ports and USB devices: never.
    expect(allow({ deviceType: 'serial', origin: appOrigin, device: hidDevice('h', jabraLink380c) })).toBe(false);
    expect(allow({ deviceType: 'usb', origin: appOrigin, device: hidDevice('h', jabraLink380c) })).toBe(false);
  });

  it('grants no other origin, not even a headset', () => {
    for (const origin of ['https://evil.example', 'app://other', 'http://127.0.0.1:5173', 'file://']) {
      expect([origin, allow({ deviceType: 'hid', origin, device: hidDevice('h', jabraLink380c) })]).toEqual([origin, false]);
    }
  });

  it('the chooser picks the first headset in the list for the app, and cancels otherwise', () => {
    const list = [keyboard, hidDevice('poly', polyBlackwire3220), hidDevice('epos', eposImpactD)];
    expect(choose(list, `${appOrigin}/`)).toBe('poly');
    expect(choose([keyboard, securityKey], `${appOrigin}/`)).toBeNull();
    expect(choose(list, 'https://evil.example/')).toBeNull();
    expect(choose(list, undefined)).toBeNull();
  });

  it('the app origin may use WebHID (permission check); other origins may not, and HID is no permission request', () => {
    const check = createPermissionCheck();
    expect(check('hid', appOrigin)).toBe(true);
    expect(check('hid', 'https://evil.example')).toBe(false);
    expect(check('usb', appOrigin)).toBe(false);
    expect(check('serial', appOrigin)).toBe(false);
    expect(createPermissionHandler()('hid', `${appOrigin}/`, [])).toBe(false);
  });
});
