import type { BrowserWindow } from 'electron';
import type { Settings } from '../../preload/contract';
import { sizeToRemember } from './window-options';

/**
 * Keeps the window as the settings say (always on top) and remembers its
 * size once the agent stops resizing it. `apply` runs at each settings change.
 */
export const installWindowState = (window: BrowserWindow, current: () => Settings, save: (size: NonNullable<Settings['windowSize']>) => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  window.on('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (window.isDestroyed() || window.isMaximized() || window.isFullScreen()) return;
      const size = sizeToRemember(window.getBounds(), current().windowSize);
      if (size) save(size);
    }, 800);
  });
  return (settings: Settings): void => {
    if (window.isAlwaysOnTop() !== settings.alwaysOnTop) window.setAlwaysOnTop(settings.alwaysOnTop);
  };
};
