import type { Clock, TimerHandle } from '../../main/core/clock';

/** A clock tests move by hand: timers fire only inside `advance`. */
export class ManualClock implements Clock {
  private time: number;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;

  constructor(start = Date.parse('2026-11-20T12:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== (handle as unknown as number));
  }

  /** Delays of the timers now pending, soonest first. */
  pendingDelays(): number[] {
    return this.timers.map((t) => t.at - this.time).sort((a, b) => a - b);
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (let due = this.takeDue(until); due; due = this.takeDue(until)) due.callback();
    this.time = until;
  }

  /** Like `advance`, letting promises started by each timer settle before the next one fires. */
  async advanceSettling(ms: number): Promise<void> {
    const until = this.time + ms;
    for (let due = this.takeDue(until); due; due = this.takeDue(until)) {
      due.callback();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.time = until;
  }

  /** The soonest timer due by `until`, removed, with the clock moved to it. */
  private takeDue(until: number): { callback: () => void } | undefined {
    const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
    if (!due) return undefined;
    this.timers = this.timers.filter((t) => t !== due);
    this.time = due.at;
    return due;
  }
}
