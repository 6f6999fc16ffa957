import type { AppError, CommandRequest, HeadsetChoice, Locale, PilotApi, Prompt, Settings, WireSampleRate } from '../../../../preload/contract';
import { i18n } from '../i18n.svelte';
import type { AppState } from './app-state.svelte';
import type { ManagedSetting, OrganizationState } from './organization-state.svelte';

type SettingsPatch = CommandRequest<'settings.update'>;

/**
 * The agent's settings on this computer: how often lines are checked, the
 * language, the agent's name for the call log, pre-accept, web-number
 * audio (sample rate, prompts) and the chosen headset. Every change goes through `settings.update`;
 * what the core answers replaces what is shown.
 */
export class SettingsState {
  constructor(
    private readonly api: PilotApi,
    private readonly app: AppState,
    private readonly organization: OrganizationState | null = null,
  ) {}

  /** IT locked this setting: its control is disabled and says so (the main side refuses changes anyway). */
  locked(setting: ManagedSetting): boolean {
    return this.organization?.locked(setting) ?? false;
  }

  /** Whether policy lets the agent pick this poll period. */
  allowsPollPeriod(ms: number): boolean {
    return this.organization?.allowsPollPeriod(ms) ?? true;
  }

  /** The settings as the core last reported them (null until the app info arrived). */
  get current(): Settings | null {
    return this.app.info?.settings ?? null;
  }

  get prompts(): readonly Prompt[] {
    return this.current?.prompts ?? [];
  }

  setPollInterval(pollIntervalMs: number): Promise<AppError | null> {
    return this.update({ pollIntervalMs });
  }

  /** The window speaks the new language at once; the core remembers it. */
  async setLocale(locale: Locale): Promise<void> {
    i18n.set(locale);
    await this.update({ locale });
  }

  setAgentName(name: string): Promise<AppError | null> {
    return this.update({ agentName: name.trim() || null });
  }

  setPreAccept(preAccept: boolean): Promise<AppError | null> {
    return this.update({ preAccept });
  }

  setSampleRate(sampleRate: WireSampleRate): Promise<AppError | null> {
    return this.update({ sampleRate });
  }

  addPrompt(prompt: Omit<Prompt, 'id'>): Promise<AppError | null> {
    return this.update({ prompts: [...this.prompts, { id: crypto.randomUUID(), ...prompt }] });
  }

  removePrompt(promptId: string): Promise<AppError | null> {
    return this.update({ prompts: this.prompts.filter((p) => p.id !== promptId) });
  }

  /** The USB headset whose buttons and lights follow the calls (null: none). */
  setHeadset(headset: HeadsetChoice | null): Promise<AppError | null> {
    return this.update({ headset });
  }

  /** The team's dispositions, in the order agents pick from. */
  get dispositions(): readonly string[] {
    return this.current?.dispositions ?? [];
  }

  /** Whether agents may type a disposition the list lacks (always, while there is no list). */
  get dispositionFreeText(): boolean {
    return this.dispositions.length === 0 || (this.current?.dispositionFreeText ?? true);
  }

  setDispositions(dispositions: string[]): Promise<AppError | null> {
    return this.update({ dispositions });
  }

  setDispositionFreeText(dispositionFreeText: boolean): Promise<AppError | null> {
    return this.update({ dispositionFreeText });
  }

  /** Resolves with the error to show (its `details.field` names the field at fault), or null once saved. */
  private async update(patch: SettingsPatch): Promise<AppError | null> {
    const result = await this.api.settings.update(patch);
    if (!result.ok) return result.error;
    this.app.settingsSaved(result.value);
    return null;
  }
}
