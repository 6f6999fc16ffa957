import { globalShortcutActions, type GlobalShortcutAction, type KeyCombo, type Settings } from '../../preload/contract';

/**
 * The Electron host's system-wide shortcuts as pure functions, tested in
 * Node; `install-global-shortcuts.ts` registers them with Electron's
 * `globalShortcut` in a few lines.
 */

/** Key names the settings use that Electron's accelerators spell otherwise. */
const acceleratorKeys: Record<string, string> = { Ctrl: 'Control', Meta: 'Super', Enter: 'Return', Escape: 'Esc', Up: 'Up', Down: 'Down', Left: 'Left', Right: 'Right' };

/** `Ctrl+Alt+A` → `Control+Alt+A`, the form `globalShortcut.register` takes. */
export const acceleratorOf = (combo: KeyCombo): string =>
  combo
    .split('+')
    .map((part) => acceleratorKeys[part] ?? part)
    .join('+');

export interface PlannedShortcut {
  action: GlobalShortcutAction;
  combo: KeyCombo;
  accelerator: string;
}

/** What to register now: nothing while the agent keeps system-wide keys off. */
export const globalShortcutPlan = (settings: Pick<Settings, 'globalShortcuts'>): PlannedShortcut[] =>
  settings.globalShortcuts.enabled
    ? globalShortcutActions.map((action) => {
        const combo = settings.globalShortcuts.keys[action];
        return { action, combo, accelerator: acceleratorOf(combo) };
      })
    : [];

/** Whether two plans register the same keys for the same actions (nothing to redo when settings change elsewhere). */
export const samePlan = (a: readonly PlannedShortcut[], b: readonly PlannedShortcut[]): boolean =>
  a.length === b.length && a.every((shortcut, index) => shortcut.accelerator === b[index]?.accelerator && shortcut.action === b[index]?.action);
