import type { AppError, CommandRequest, GlobalShortcutAction, KeyCombo, LineAnswering, PilotApi, Settings, ShortcutAction, Theme } from '../../../../preload/contract';
import type { AppState } from './app-state.svelte';

type SettingsPatch = CommandRequest<'settings.update'>;

/**
 * The agent's workstation preferences (look, window, ringing, keyboard,
 * per-line answering), changed through `settings.update` like every setting;
 * what the main side answers replaces what is shown. Each change resolves
 * with the error to show, or null once saved.
 */
export class PreferencesState {
  constructor(
    private readonly api: PilotApi,
    private readonly app: AppState,
  ) {}

  get current(): Settings | null {
    return this.app.info?.settings ?? null;
  }

  /** The desktop app can keep the window on top and take system-wide keys; the browser version cannot. */
  get desktop(): boolean {
    return this.app.info?.host === 'electron';
  }

  setTheme(theme: Theme): Promise<AppError | null> {
    return this.update({ theme });
  }

  setAlwaysOnTop(alwaysOnTop: boolean): Promise<AppError | null> {
    return this.update({ alwaysOnTop });
  }

  setRingVolume(ringVolume: number): Promise<AppError | null> {
    return this.update({ ringVolume });
  }

  setRingerDevice(device: { id: string; label: string } | null): Promise<AppError | null> {
    return this.update({ ringerDevice: device });
  }

  setShortcut(action: ShortcutAction, keys: KeyCombo): Promise<AppError | null> {
    if (!this.current) return Promise.resolve(null);
    return this.update({ shortcuts: { ...this.current.shortcuts, [action]: keys } });
  }

  resetShortcuts(): Promise<AppError | null> {
    return this.update({ shortcuts: null });
  }

  setGlobalShortcut(action: GlobalShortcutAction, keys: KeyCombo): Promise<AppError | null> {
    if (!this.current) return Promise.resolve(null);
    const { enabled, keys: all } = this.current.globalShortcuts;
    return this.update({ globalShortcuts: { enabled, keys: { ...all, [action]: keys } } });
  }

  setGlobalShortcutsEnabled(enabled: boolean): Promise<AppError | null> {
    if (!this.current) return Promise.resolve(null);
    return this.update({ globalShortcuts: { ...this.current.globalShortcuts, enabled } });
  }

  setLineAnswering(accountId: string, answering: LineAnswering): Promise<AppError | null> {
    if (!this.current) return Promise.resolve(null);
    return this.update({ lineAnswering: { ...this.current.lineAnswering, [accountId]: answering } });
  }

  rememberWindowSize(width: number, height: number): Promise<AppError | null> {
    const known = this.current?.windowSize;
    if (known && known.width === width && known.height === height) return Promise.resolve(null);
    return this.update({ windowSize: { width, height } });
  }

  private async update(patch: SettingsPatch): Promise<AppError | null> {
    const result = await this.api.settings.update(patch);
    if (!result.ok) return result.error;
    this.app.settingsSaved(result.value);
    return null;
  }
}
