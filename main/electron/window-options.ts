import type { Settings } from '../../preload/contract';

/**
 * The desktop window's size and stacking as pure functions, tested in Node;
 * `main-window.ts` and `install-window-state.ts` apply them.
 */

/** Phone-sized the first time: the layout has a compact view at this size and two panes from 900 px on. */
export const firstSize = { width: 400, height: 700 } as const;
export const minimumSize = { width: 360, height: 560 } as const;
/** Larger than any screen: a size saved on a bigger display is cut down to something a window can be. */
const largest = { width: 7680, height: 4320 } as const;

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, Math.round(value)));

export const windowOptions = (settings: Pick<Settings, 'windowSize' | 'alwaysOnTop'>) => {
  const size = settings.windowSize ?? firstSize;
  return {
    width: clamp(size.width, minimumSize.width, largest.width),
    height: clamp(size.height, minimumSize.height, largest.height),
    minWidth: minimumSize.width,
    minHeight: minimumSize.height,
    alwaysOnTop: settings.alwaysOnTop,
  };
};

/** The size to remember after the agent resized the window; null when it is what is already remembered. */
export const sizeToRemember = (bounds: { width: number; height: number }, remembered: Settings['windowSize']): Settings['windowSize'] => {
  const size = { width: Math.round(bounds.width), height: Math.round(bounds.height) };
  return remembered && remembered.width === size.width && remembered.height === size.height ? null : size;
};
