import type { AccountView, AppError, CallPermissionView, CallingSettingsView, CallView, LineFeatures, PilotApi, Result } from '../../../../preload/contract';
import { dialableNumber, formatAsTyped } from '../phone';

/**
 * The dialer: which line, what number, and, where the line's features say
 * so, what Meta says about calling that number (permission, action limits)
 * and from that line (calling enabled). Permission changes pushed by the
 * core replace what is shown.
 */
export class DialerState {
  accountId = $state<string | null>(null);
  /** What the chosen line can do: permission checks and calling settings only where it has them. */
  features = $state<LineFeatures | null>(null);
  typed = $state('');
  permission = $state<CallPermissionView | null>(null);
  calling = $state<CallingSettingsView | null>(null);
  error = $state<AppError | null>(null);
  busy = $state(false);
  private checking: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly api: PilotApi) {
    api.on('permissions.changed', (permission) => {
      if (permission.accountId === this.accountId && permission.to === this.number) this.permission = permission;
    });
  }

  /** E.164 of what was typed, or null while it is not a full valid number. */
  get number(): string | null {
    return dialableNumber(this.typed);
  }

  get canDial(): boolean {
    if (!this.accountId || !this.number || this.busy) return false;
    // Meta refuses the call anyway when it says the action is not allowed; the panel says why.
    return this.permission?.to !== this.number || this.permission.canCall;
  }

  type(text: string): void {
    this.typed = formatAsTyped(text);
    this.error = null;
    this.permission = null;
    this.scheduleCheck();
  }

  selectLine(line: AccountView): void {
    this.accountId = line.id;
    this.features = line.features;
    this.permission = null;
    this.calling = null;
    void this.checkCalling();
    this.scheduleCheck();
  }

  async checkPermission(): Promise<void> {
    const to = this.number;
    if (!this.accountId || !to || !this.features?.permissions) return;
    const result = await this.api.permissions.check({ accountId: this.accountId, to });
    if (this.number !== to) return;
    if (result.ok) this.permission = result.value;
    else this.error = result.error;
  }

  async requestPermission(): Promise<void> {
    const to = this.number;
    if (!this.accountId || !to) return;
    this.error = null;
    const result = await this.api.permissions.request({ accountId: this.accountId, to });
    if (result.ok) this.permission = result.value;
    else this.error = result.error;
  }

  async checkCalling(): Promise<void> {
    if (!this.accountId || !this.features?.callingSettings) return;
    const result = await this.api.calling.status({ accountId: this.accountId });
    this.calling = result.ok ? result.value : null;
  }

  async enableCalling(): Promise<void> {
    if (!this.accountId) return;
    this.error = null;
    const result = await this.api.calling.enable({ accountId: this.accountId });
    if (result.ok) this.calling = result.value;
    else this.error = result.error;
  }

  async dial(): Promise<Result<CallView> | null> {
    const to = this.number;
    if (!this.accountId || !to) return null;
    this.busy = true;
    this.error = null;
    const result = await this.api.calls.dial({ accountId: this.accountId, to });
    this.busy = false;
    if (!result.ok) this.error = result.error;
    return result;
  }

  async testAudio(): Promise<void> {
    this.error = null;
    const result = await this.api.calls.testAudio({});
    if (!result.ok) this.error = result.error;
  }

  private scheduleCheck(): void {
    if (this.checking) clearTimeout(this.checking);
    this.checking = setTimeout(() => void this.checkPermission(), 300);
  }
}
