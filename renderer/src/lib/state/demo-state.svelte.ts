import type { AppError, PilotApi, Provider, Result } from '../../../../preload/contract';

/** Demo mode's simulated customer: rings the demo line of a number type, or hangs up a call. */
export class DemoState {
  /** The last action's error, for the panel to show. */
  error = $state<AppError | null>(null);

  constructor(private readonly api: PilotApi) {}

  incomingCall(provider: Provider): Promise<void> {
    return this.run(() => this.api.demo.incomingCall({ provider }));
  }

  customerHangup(callId: string): Promise<void> {
    return this.run(() => this.api.demo.customerHangup({ callId }));
  }

  private async run(action: () => Promise<Result<unknown>>): Promise<void> {
    this.error = null;
    const result = await action();
    if (!result.ok) this.error = result.error;
  }
}
