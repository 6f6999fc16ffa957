import { hidTelephonyUsagePage } from '../../preload/contract/constants';
import { appOrigin, isAppUrl } from './security-policy';

/**
 * Which HID devices the window may reach, as pure functions tested in Node
 * (`install-hid.ts` wires them into Electron): headsets only, meaning devices
 * with a collection on the Telephony usage page, and only for the app's own
 * origin. A keyboard, a security key or a game pad is never offered.
 */

/** What Electron tells about a HID device, as far as these rules read it. */
export interface HidDeviceFacts {
  deviceId?: string;
  collections?: readonly { usagePage: number }[];
}

export const exposesTelephony = (device: HidDeviceFacts): boolean => (device.collections ?? []).some((c) => c.usagePage === hidTelephonyUsagePage);

/**
 * `session.setDevicePermissionHandler`: grants the app's origin every
 * headset, so `navigator.hid.getDevices()` finds it after a restart or a
 * replug without asking again; refuses every other device and every serial
 * or USB device.
 */
export const createDevicePermission =
  (origin = appOrigin) =>
  (details: { deviceType: string; origin: string; device: HidDeviceFacts }): boolean =>
    details.deviceType === 'hid' && isAppUrl(details.origin, origin) && exposesTelephony(details.device);

/**
 * `select-hid-device` (Electron shows no chooser of its own): the first
 * headset in the list for a request from the app, else none (the request is
 * cancelled). Several headsets are all granted anyway; the agent picks one in
 * Settings.
 */
export const createHidDeviceChooser =
  (origin = appOrigin) =>
  (deviceList: readonly HidDeviceFacts[], frameUrl: string | undefined): string | null => {
    if (frameUrl === undefined || !isAppUrl(frameUrl, origin)) return null;
    return deviceList.find(exposesTelephony)?.deviceId ?? null;
  };
