import type { AppError, PilotApi, RecentCall } from '../../../../preload/contract';

const seenKey = 'pilot.recent.seenUntil';
const shown = 50;

/** A call nobody answered for the customer (an outbound call the customer did not pick up is not "missed"). */
export const isMissed = (call: RecentCall): boolean => call.direction === 'INBOUND' && call.outcome === 'missed';

/**
 * The agent's last calls, newest first, kept current as the call log
 * changes; the missed ones since the agent last looked make the Recent
 * badge. Calling back goes out on the line the call came in on.
 */
export class RecentState {
  calls = $state<RecentCall[]>([]);
  loaded = $state(false);
  error = $state<AppError | null>(null);
  /** Per call, the last call-back error to show beside it. */
  callBackErrors = $state<Record<string, AppError>>({});
  /** The number just copied, for the row to say so. */
  copied = $state<string | null>(null);
  seenUntil = $state(Date.now());
  private reloading: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly api: PilotApi) {
    const stored = Number(localStorage.getItem(seenKey));
    if (stored > 0) this.seenUntil = stored;
    // A row written or changed: the list is read again, a few changes at a time.
    api.on('log.changed', () => {
      if (this.reloading) return;
      this.reloading = setTimeout(() => {
        this.reloading = null;
        void this.load();
      }, 150);
    });
  }

  async load(): Promise<void> {
    const result = await this.api.recent.list({ limit: shown });
    if (result.ok) {
      this.calls = result.value;
      this.error = null;
    } else {
      this.error = result.error;
    }
    this.loaded = true;
  }

  /** Missed calls the agent has not looked at yet. */
  get unseenMissed(): number {
    return this.calls.filter((call) => isMissed(call) && Date.parse(call.createdAt) > this.seenUntil).length;
  }

  /** The agent opened Recent: what is there counts as seen. */
  markSeen(): void {
    this.seenUntil = Date.now();
    localStorage.setItem(seenKey, String(this.seenUntil));
  }

  /** Calls the number back on the line the call was on; resolves true once the call is being placed. */
  async callBack(call: RecentCall): Promise<boolean> {
    delete this.callBackErrors[call.id];
    const result = await this.api.calls.dial({ accountId: call.accountId, to: call.peerNumber });
    if (!result.ok) this.callBackErrors[call.id] = result.error;
    return result.ok;
  }

  async copy(call: RecentCall): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(call.peerNumber);
      this.copied = call.peerNumber;
      return true;
    } catch {
      this.copied = null;
      return false;
    }
  }
}
