import type { AppInfo, PilotApi, Settings } from '../../../../preload/contract';
import type { Bridge, BridgeStatus } from '../bridge';
import { i18n } from '../i18n.svelte';

/** How long the window waits for the core to name the agent's language before it speaks the browser's. */
const languageWaitMs = 2000;

/** What the app is (host, demo or live, language) and whether the host is reachable. */
export class AppState {
  info = $state<AppInfo | null>(null);
  link = $state<BridgeStatus>('connecting');

  constructor(private readonly api: PilotApi) {}

  /** Follows the host link; `onOpen` runs at every (re)connection to reload what the window shows. */
  attach(bridge: Bridge, onOpen: () => void): void {
    bridge.onStatus((status) => {
      this.link = status;
      // The language comes with the app's info; a window that cannot reach its host still says so in words.
      if (status === 'closed' && !i18n.ready) i18n.setFromBrowser();
      if (status === 'open') {
        void this.load();
        onOpen();
      }
    });
    this.api.on('app.changed', (info) => this.apply(info));
    setTimeout(() => i18n.ready || i18n.setFromBrowser(), languageWaitMs);
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
