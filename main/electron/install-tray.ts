import { app, Menu, nativeImage, Tray, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { AvailabilityChoice, AvailabilityView } from '../../preload/contract';
import { trayMenu, type TrayItem, type TrayLabels } from './tray-menu';

/**
 * Close-to-tray: closing the window hides it, so the renderer stays alive and
 * a call can still ring (ringtone, notification). Quitting is explicit, from
 * the tray menu or the OS (app menu, logout). The tray also shows and sets
 * the agent's availability; `show(view)` redraws it when that changes.
 */
export const installTray = (window: BrowserWindow, iconPath: string, labels: TrayLabels, choose: (choice: AvailabilityChoice) => void) => {
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
  const reveal = () => {
    window.show();
    window.focus();
  };
  const itemOf = (item: TrayItem): MenuItemConstructorOptions => {
    if (item.kind === 'separator') return { type: 'separator' };
    if (item.kind === 'show') return { label: item.label, click: reveal };
    if (item.kind === 'quit') return { label: item.label, click: () => app.quit() };
    return { label: item.label, type: 'radio', checked: item.checked, click: () => choose(item.choice) };
  };
  tray.on('click', reveal);
  return {
    show: (view: AvailabilityView): void => {
      const menu = trayMenu(view, labels);
      tray.setToolTip(menu.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(menu.items.map(itemOf)));
    },
  };
};
