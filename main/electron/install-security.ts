import { app, session, shell, type Session } from 'electron';
import { installHidDeviceHandlers } from './install-hid';
import { createExternalLinkPolicy, createNavigationGuard, createPermissionCheck, createPermissionHandler } from './security-policy';

/** Permission handlers on the app's session: microphone and headsets (HID, Telephony page) for the app's own origin only. */
export const installPermissionHandlers = (target: Session = session.defaultSession): void => {
  const allow = createPermissionHandler();
  const check = createPermissionCheck();
  target.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(allow(permission, webContents.getURL(), mediaTypes));
  });
  target.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    check(permission, requestingOrigin, 'mediaType' in details ? details.mediaType : undefined),
  );
  installHidDeviceHandlers(target);
};

/** Every web contents: no navigation away from the app, no new windows (links open in the OS browser). */
export const installNavigationGuards = (): void => {
  const guard = createNavigationGuard();
  const externalLink = createExternalLinkPolicy();
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (guard(url) === 'deny') event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (externalLink(url) === 'open-in-browser') void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
};
