import { availabilityChoices, type AvailabilityChoice, type AvailabilityView } from '../../preload/contract';

/** What the tray needs translated. */
export interface TrayLabels {
  show: string;
  quit: string;
  /** The agent's choices and the statuses the app sets on its own, by name. */
  status: Record<AvailabilityView['status'], string>;
}

export type TrayItem =
  | { kind: 'choice'; choice: AvailabilityChoice; label: string; checked: boolean }
  | { kind: 'show'; label: string }
  | { kind: 'quit'; label: string }
  | { kind: 'separator' };

/**
 * The tray's menu and tooltip as data (tested in Node; `install-tray.ts`
 * turns them into Electron's): the agent's availability to pick, then show
 * and quit. The tooltip says what the app goes by now, Busy included.
 */
export const trayMenu = (view: AvailabilityView, labels: TrayLabels): { tooltip: string; items: TrayItem[] } => ({
  tooltip: `Pilot Softphone — ${labels.status[view.status]}`,
  items: [
    ...availabilityChoices.map((choice): TrayItem => ({ kind: 'choice', choice, label: labels.status[choice], checked: view.chosen === choice })),
    { kind: 'separator' },
    { kind: 'show', label: labels.show },
    { kind: 'separator' },
    { kind: 'quit', label: labels.quit },
  ],
});
