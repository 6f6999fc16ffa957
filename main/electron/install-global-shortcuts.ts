import { globalShortcut } from 'electron';
import type { Settings } from '../../preload/contract';
import { globalShortcutPlan, samePlan, type PlannedShortcut } from './global-shortcut-plan';

/**
 * Registers the agent's system-wide keys (answer or hang up, mute) and
 * registers them again when they change. A key another program already
 * holds is not taken: `refused` is told which, for the settings to say so.
 */
export const installGlobalShortcuts = (run: (action: PlannedShortcut['action']) => void, refused: (combos: string[]) => void) => {
  let current: PlannedShortcut[] = [];
  return (settings: Pick<Settings, 'globalShortcuts'>): void => {
    const plan = globalShortcutPlan(settings);
    if (samePlan(plan, current)) return;
    for (const shortcut of current) globalShortcut.unregister(shortcut.accelerator);
    current = plan;
    refused(plan.filter((shortcut) => !globalShortcut.register(shortcut.accelerator, () => run(shortcut.action))).map((shortcut) => shortcut.combo));
  };
};
