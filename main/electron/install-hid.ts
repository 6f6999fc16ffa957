import type { Session } from 'electron';
import { createDevicePermission, createHidDeviceChooser } from './hid-device-policy';

/** Headsets over WebHID for the app's window, nothing else (rules in hid-device-policy.ts). */
export const installHidDeviceHandlers = (target: Session): void => {
  const allow = createDevicePermission();
  const choose = createHidDeviceChooser();
  // Serial ports carry no collections; they are refused by their device type anyway.
  target.setDevicePermissionHandler(({ deviceType, origin, device }) => allow({ deviceType, origin, device: 'collections' in device ? device : {} }));
  target.on('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    const deviceId = choose(details.deviceList, details.frame?.url);
    if (deviceId) callback(deviceId);
    else callback();
  });
};
