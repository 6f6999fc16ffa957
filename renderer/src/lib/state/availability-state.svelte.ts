import type { AppError, AvailabilityChoice, AvailabilityView, PilotApi } from '../../../../preload/contract';

/**
 * The agent's availability as the main side decides it (the ringer and the
 * notifications obey the main side, not this window): what they chose, what
 * the app goes by now (Busy on a call, Wrap-up after one), the wrap-up under
 * way and the calls about to be answered on their own.
 */
export class AvailabilityState {
  view = $state<AvailabilityView | null>(null);
  error = $state<AppError | null>(null);

  constructor(private readonly api: PilotApi) {
    api.on('availability.changed', (view) => (this.view = view));
  }

  async load(): Promise<void> {
    const result = await this.api.availability.get({});
    if (result.ok) this.view = result.value;
  }

  get status(): AvailabilityView['status'] {
    return this.view?.status ?? 'available';
  }

  get chosen(): AvailabilityChoice {
    return this.view?.chosen ?? 'available';
  }

  async choose(status: AvailabilityChoice): Promise<void> {
    this.error = null;
    const result = await this.api.availability.set({ status });
    if (result.ok) this.view = result.value;
    else this.error = result.error;
  }

  /** Ends the wrap-up: the next call may ring. */
  async ready(): Promise<void> {
    const result = await this.api.availability.ready({});
    if (result.ok) this.view = result.value;
    else this.error = result.error;
  }

  /** When the call will be answered on its own (epoch ms), if it will. */
  autoAnswerAt(callId: string): number | null {
    const pending = this.view?.autoAnswer.find((a) => a.callId === callId);
    return pending ? Date.parse(pending.at) : null;
  }
}
