import type { AppError, DiagnosticsExportView, PilotApi, PolicyView, UpdateView } from '../../../../preload/contract';
import type { DeviceState } from '../media/devices.svelte';

/** A setting IT can lock (the names `policy.status` lists in `locked`). */
export type ManagedSetting = 'language' | 'pollInterval' | 'preAccept' | 'agentName' | 'sampleRate' | 'prompts' | 'lines';

/** The audio devices the window sees, for a diagnostics bundle (only the window can list them). */
export type SeenDevices = Pick<DeviceState, 'inputs' | 'outputs' | 'inputId' | 'outputId'>;

/**
 * The app as the organization runs it: admin policy (what is managed and
 * locked, whether a policy file is broken), the update path, and the
 * diagnostics bundle for support. The main side enforces policy; this only
 * shows it, so a locked control is disabled and says why.
 */
export class OrganizationState {
  policy = $state<PolicyView | null>(null);
  update = $state<UpdateView | null>(null);
  exporting = $state(false);
  exported = $state<DiagnosticsExportView | null>(null);
  error = $state<AppError | null>(null);

  constructor(private readonly api: PilotApi) {
    api.on('updates.changed', (view) => (this.update = view));
  }

  async load(): Promise<void> {
    const [policy, update] = await Promise.all([this.api.policy.status({}), this.api.updates.status({})]);
    if (policy.ok) this.policy = policy.value;
    if (update.ok) this.update = update.value;
  }

  locked(setting: ManagedSetting): boolean {
    return this.policy?.locked.includes(setting) ?? false;
  }

  /** A line IT set up and enforces: only its key may be entered. */
  managesLine(accountId: string): boolean {
    return this.locked('lines') || (this.policy?.managedLines.includes(accountId) ?? false);
  }

  /** The poll periods policy allows (all of them without policy). */
  allowsPollPeriod(ms: number): boolean {
    const bounds = this.policy?.pollBounds;
    return !bounds || (ms >= bounds.min && ms <= bounds.max);
  }

  async exportDiagnostics(devices: SeenDevices): Promise<void> {
    this.exporting = true;
    this.error = null;
    this.exported = null;
    const audioDevices = [
      ...devices.inputs.map((d) => ({ kind: 'audioinput' as const, label: d.label.slice(0, 200), selected: d.id === devices.inputId })),
      ...devices.outputs.map((d) => ({ kind: 'audiooutput' as const, label: d.label.slice(0, 200), selected: d.id === devices.outputId })),
    ].slice(0, 64);
    const result = await this.api.diagnostics.export({ audioDevices });
    this.exporting = false;
    if (result.ok) this.exported = result.value;
    else this.error = result.error;
  }

  /** Restarts into a downloaded update now (the main side refuses while a call rings or is live). */
  async installUpdate(): Promise<void> {
    this.error = null;
    const result = await this.api.updates.install({});
    if (result.ok) this.update = result.value;
    else this.error = result.error;
  }
}
