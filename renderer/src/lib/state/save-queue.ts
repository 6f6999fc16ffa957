/** Timers as a port, so the queue is tested without waiting. */
export interface QueueTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: QueueTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Saves something that keeps changing (notes as they are typed): at most
 * one save every `everyMs` while it changes, one save at a time and in
 * order, and always a last save of the final state. So a long stretch of
 * typing is saved as it goes (not only when the agent pauses), and what is
 * on screen is in the call log within about `everyMs` plus one round trip.
 *
 * `save` writes whatever the current state is when it runs and resolves
 * with whether to try again later (a lost connection) or not.
 */
export class SaveQueue {
  private timer: unknown = null;
  private running = false;
  private dirty = false;

  constructor(
    private readonly save: () => Promise<'done' | 'retry'>,
    private readonly everyMs: number,
    private readonly timers: QueueTimers = browserTimers,
  ) {}

  /** Something changed: it will be saved within `everyMs` (or right after the save under way). */
  changed(): void {
    this.dirty = true;
    if (this.timer === null && !this.running) this.timer = this.timers.setTimeout(() => void this.run(), this.everyMs);
  }

  /** Save now (a picked disposition, the field left), or right after the save under way. */
  flush(): void {
    this.dirty = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    if (!this.running) void this.run();
  }

  /** Whether a change is not yet acknowledged. */
  get pending(): boolean {
    return this.dirty || this.running;
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (!this.dirty) return;
    this.dirty = false;
    this.running = true;
    let outcome: 'done' | 'retry';
    try {
      outcome = await this.save();
    } catch {
      outcome = 'retry';
    }
    this.running = false;
    if (outcome === 'retry') this.dirty = true;
    // Changes made while the save was under way, or a save to try again: the next one waits its turn.
    if (this.dirty && this.timer === null) this.timer = this.timers.setTimeout(() => void this.run(), outcome === 'retry' ? this.everyMs * 4 : this.everyMs);
  }
}
