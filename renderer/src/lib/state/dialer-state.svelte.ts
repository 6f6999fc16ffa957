import type { AccountView, AppError, CallPermissionView, CallingSettingsView, CallView, DialRequest, LineFeatures, PilotApi, Result } from '../../../../preload/contract';
import { isCallLink, numberInCallLink } from '../../../../preload/contract/constants';
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
  /** A number came from outside (`--call`, a link, a second start): when several lines could call it, the agent picks one. */
  askLine = $state(false);
  /** The last number that came from outside, for the view to react once (open the phone, focus). */
  prefilled = $state<DialRequest | null>(null);
  /** Set when what was pasted is a call link with no number in it. */
  linkWithoutNumber = $state(false);
  private checking: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly api: PilotApi) {
    api.on('permissions.changed', (permission) => {
      if (permission.accountId === this.accountId && permission.to === this.number) this.permission = permission;
    });
    api.on('dialer.prefill', (request) => {
      this.prefill(request);
      // Told at once: the request need not wait for a window that opens later.
      void api.dialer.pending({});
    });
  }

  /** On (re)connection: a number that came while no window was there. */
  async takePending(): Promise<void> {
    const result = await this.api.dialer.pending({});
    if (result.ok && result.value) this.prefill(result.value);
  }

  /** Opens the dialer with a number from outside; the view asks which line when there are several (also once they load). */
  prefill(request: DialRequest): void {
    if (this.prefilled?.id === request.id) return;
    this.prefilled = request;
    this.type(request.number);
    this.askLine = true;
  }

  /** The agent pressed Call on a contact: the dialer opens with its number, as for a number from outside. */
  callContact(number: string): void {
    // A timestamp written once, not state: nothing renders from the Date.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.prefill({ id: crypto.randomUUID(), number, source: 'contacts', at: new Date().toISOString() });
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

  /** What the agent typed or pasted; a tel: or WhatsApp link becomes the number it carries. */
  type(text: string): void {
    const inner = isCallLink(text) ? numberInCallLink(text) : text;
    this.linkWithoutNumber = inner === null;
    this.typed = inner === null ? text : formatAsTyped(inner);
    this.error = null;
    this.permission = null;
    this.scheduleCheck();
  }

  /** `byAgent`: the agent picked it (which answers "which line?"); else the dialer keeps a line chosen on its own. */
  selectLine(line: AccountView, byAgent = true): void {
    if (byAgent) this.askLine = false;
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
