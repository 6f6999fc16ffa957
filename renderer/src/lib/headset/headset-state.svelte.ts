import type { HeadsetChoice } from '../../../../preload/contract';
import type { CallsState } from '../state/calls-state.svelte';
import type { SettingsState } from '../state/settings-state.svelte';
import { choiceOf, HeadsetConnection, type HeadsetLink } from './headset-connection';
import { HeadsetController } from './headset-controller';
import { webHid, type Hid } from './webhid-types';

export type HeadsetProblem = 'pairFailed' | 'saveFailed';

/** A stable key for a headset choice (the settings keep the choice itself). */
export const headsetKey = (choice: HeadsetChoice): string => `${choice.vendorId}:${choice.productId}:${choice.productName}`;

/**
 * The headset for the window: the reactive side of the headset connection
 * and controller. It feeds the calls to the controller whenever they change
 * and the agent's choice (from the settings) to the connection; the Settings
 * section shows what it holds and calls its methods.
 */
export class HeadsetState {
  /** False where the window has no WebHID (then the section says so and offers nothing). */
  readonly supported: boolean;
  link = $state<HeadsetLink>({ state: 'none' });
  /** Headsets this window may use right now (paired, plugged in). */
  available = $state<HeadsetChoice[]>([]);
  problem = $state<HeadsetProblem | null>(null);
  private readonly connection: HeadsetConnection | null = null;

  constructor(
    calls: CallsState,
    private readonly settings: SettingsState,
    hid: Hid | null = webHid(),
  ) {
    this.supported = hid !== null;
    if (!hid) return;
    const controller = new HeadsetController(calls);
    const connection = new HeadsetConnection(hid, controller);
    this.connection = connection;
    connection.onLink((link) => {
      this.link = link;
      void this.refresh();
    });
    hid.addEventListener('connect', () => void this.refresh());
    hid.addEventListener('disconnect', () => void this.refresh());
    $effect.root(() => {
      // The snapshot reads every field of every call, so any change the core reports reaches the headset.
      $effect(() => controller.callsChanged($state.snapshot(calls.calls) as typeof calls.calls));
      $effect(() => {
        const current = settings.current;
        if (current) void connection.choose(current.headset);
      });
    });
  }

  get chosen(): HeadsetChoice | null {
    return this.settings.current?.headset ?? null;
  }

  /** Opens the browser's headset chooser; call it straight from the agent's click (the chooser needs the gesture). */
  async pair(): Promise<void> {
    if (!this.connection) return;
    this.problem = null;
    let choice: HeadsetChoice | null;
    try {
      choice = await this.connection.pair();
    } catch (error) {
      // Closing the chooser without picking one is no problem; anything else is.
      if (!(error instanceof DOMException && error.name === 'NotFoundError')) this.problem = 'pairFailed';
      return;
    }
    if (choice) await this.choose(choice);
  }

  /** Uses this headset for calls from now on (and after restarts). */
  async choose(choice: HeadsetChoice | null): Promise<void> {
    this.problem = (await this.settings.setHeadset(choice)) ? 'saveFailed' : null;
  }

  /** Stops using the chosen headset and lets the browser forget it. */
  async forget(): Promise<void> {
    await this.connection?.forget();
    await this.choose(null);
  }

  private async refresh(): Promise<void> {
    if (!this.connection) return;
    // One entry per headset, though a headset may show as several HID devices (one per interface).
    const keys = (await this.connection.headsets()).map(choiceOf);
    this.available = keys.filter((choice, index) => keys.findIndex((other) => headsetKey(other) === headsetKey(choice)) === index);
  }
}
