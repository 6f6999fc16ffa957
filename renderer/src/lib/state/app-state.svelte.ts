import type { AppInfo, PilotApi, Settings } from '../../../../preload/contract';
import type { Bridge, BridgeStatus } from '../bridge';
import { i18n } from '../i18n.svelte';

/** What the app is (host, demo or live, language) and whether the host is reachable. */
export class AppState {
  info = $state<AppInfo | null>(null);
  link = $state<BridgeStatus>('connecting');

  constructor(private readonly api: PilotApi) {}

  /** Follows the host link; `onOpen` runs at every (re)connection to reload what the window shows. */
  attach(bridge: Bridge, onOpen: () => void): void {
    bridge.onStatus((status) => {
      this.link = status;
      if (status === 'open') {
        void this.load();
        onOpen();
      }
    });
    this.api.on('app.changed', (info) => this.apply(info));
  }

  get isDemo(): boolean {
    return this.info?.mode === 'demo';
  }

  async load(): Promise<void> {
    const result = await this.api.app.info({});
    if (result.ok) this.apply(result.value);
  }

  /** The core saved the settings: shown at once, before its `app.changed` arrives. */
  settingsSaved(settings: Settings): void {
    if (this.info) this.info = { ...this.info, settings };
  }

  private apply(info: AppInfo): void {
    this.info = info;
    i18n.set(info.locale);
  }
}
