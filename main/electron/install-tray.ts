import { app, Menu, nativeImage, Tray, type BrowserWindow } from 'electron';

/**
 * Close-to-tray: closing the window hides it, so the renderer stays alive and
 * a call can still ring (ringtone, notification). Quitting is explicit, from
 * the tray menu or the OS (app menu, logout).
 */
export const installTray = (window: BrowserWindow, iconPath: string, labels: { show: string; quit: string }): Tray => {
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window.hide();
  });
  const tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 }));
  const show = () => {
    window.show();
    window.focus();
  };
  tray.setToolTip('Pilot Softphone');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: labels.show, click: show },
      { type: 'separator' },
      { label: labels.quit, click: () => app.quit() },
    ]),
  );
  tray.on('click', show);
  return tray;
};
