import type { AppError, CallView, PilotApi, Result } from '../../../../preload/contract';

const maxEndedShown = 3;

const errorOf = (result: Result<unknown>): AppError | null => (result.ok ? null : result.error);

export interface CallsStateHooks {
  /** The agent clicked Answer (the media measures answer-to-audio latency from here). */
  answerClicked?(callId: string): void;
}

/**
 * The calls on screen, as the core reports them, and every command the agent
 * gives about a call. Ended calls stay (with how they ended) until the agent
 * dismisses them or a newer call replaces them. Mute and hold are the core's:
 * the view shows `call.media.muted` / `held` as the core reports them back.
 */
export class CallsState {
  calls = $state<CallView[]>([]);
  /** The last error of an agent action, per call, for the card to show. */
  errors = $state<Record<string, AppError>>({});
  // Bookkeeping only: nothing renders from it, so it need not be reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly dismissed = new Set<string>();
  // Which event last told about each call, so a list that was asked for before it cannot undo it.
  private events = 0;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, nothing renders from it
  private readonly lastEventOf = new Map<string, number>();

  constructor(
    private readonly api: PilotApi,
    private readonly hooks: CallsStateHooks = {},
  ) {
    api.on('calls.changed', (call) => {
      this.events += 1;
      this.lastEventOf.set(call.id, this.events);
      this.upsert(call);
    });
  }

  /** First load and every reconnection; a call that changed meanwhile keeps what its event said. */
  async load(): Promise<void> {
    const asked = this.events;
    const result = await this.api.calls.list({});
    if (!result.ok) return;
    for (const call of result.value) if ((this.lastEventOf.get(call.id) ?? 0) <= asked) this.upsert(call);
  }

  get ringing(): CallView[] {
    return this.calls.filter((c) => c.phase === 'ringing');
  }

  /** Calls ringing for this agent: they take over the phone view and play the ringtone. */
  get ringingLoud(): CallView[] {
    return this.ringing.filter((c) => !c.quiet);
  }

  /** Calls ringing on a line while the agent is away, in do not disturb or wrapping up: shown, not rung. */
  get ringingQuiet(): CallView[] {
    return this.ringing.filter((c) => c.quiet);
  }

  get live(): CallView[] {
    return this.calls.filter((c) => c.phase !== 'ringing' && c.phase !== 'ended');
  }

  /** Calls that just ended, except those that only rang quietly and were not answered here (Recent lists them). */
  get ended(): CallView[] {
    return this.calls.filter((c) => c.phase === 'ended' && (!c.quiet || c.outcome === 'answered'));
  }

  answer(call: CallView): Promise<void> {
    this.hooks.answerClicked?.(call.id);
    return this.act(call, 'answer');
  }

  decline(call: CallView): Promise<void> {
    return this.act(call, 'decline');
  }

  hangup(call: CallView): Promise<void> {
    return this.act(call, 'hangup');
  }

  /** Mute or unmute the agent; resolves with the error to show, if any. */
  async mute(call: CallView, muted: boolean): Promise<AppError | null> {
    return errorOf(await this.api.calls.mute({ callId: call.id, muted }));
  }

  async hold(call: CallView, held: boolean): Promise<AppError | null> {
    return errorOf(await this.api.calls.hold({ callId: call.id, held }));
  }

  /** Web numbers: listen in on a call another agent took, or stop. */
  async listen(call: CallView, listening: boolean): Promise<AppError | null> {
    return errorOf(await (listening ? this.api.calls.listen({ callId: call.id }) : this.api.calls.stopListening({ callId: call.id })));
  }

  /** Web numbers: plays one of the company's prompts into the call (queued until it connects). */
  async playPrompt(call: CallView, promptId: string): Promise<AppError | null> {
    return errorOf(await this.api.calls.playPrompt({ callId: call.id, promptId }));
  }

  /** The ringing call is on screen (`ringing`), or its Answer button takes keys (`answerable`): the core logs event-to-view latency. */
  ringingShown(call: CallView, view: 'ringing' | 'answerable' = 'ringing'): void {
    void this.api.diagnostics.viewShown({ callId: call.id, view, shownAt: performance.timeOrigin + performance.now() });
  }

  dismiss(callId: string): void {
    this.dismissed.add(callId);
    this.calls = this.calls.filter((c) => c.id !== callId);
  }

  private async act(call: CallView, action: 'answer' | 'decline' | 'hangup'): Promise<void> {
    delete this.errors[call.id];
    const result = await this.api.calls[action]({ callId: call.id });
    if (!result.ok) this.errors[call.id] = result.error;
  }

  private upsert(call: CallView): void {
    if (this.dismissed.has(call.id)) return;
    const index = this.calls.findIndex((c) => c.id === call.id);
    if (index !== -1) {
      this.calls[index] = call;
      return;
    }
    // Keep a few ended calls for the agent to read; older ones leave the screen (the log has them).
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
    const keptEnded = new Set(this.ended.slice(0, maxEndedShown - 1).map((c) => c.id));
    this.calls = [call, ...this.calls.filter((c) => c.phase !== 'ended' || keptEnded.has(c.id))];
  }
}
