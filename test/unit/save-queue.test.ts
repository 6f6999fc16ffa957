import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveQueue } from '../../renderer/src/lib/state/save-queue';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A save that takes `latencyMs` and records what it saved and whether another save was running. */
const recorder = (latencyMs: number, state: { text: string }) => {
  const saved: { at: number; text: string }[] = [];
  let running = 0;
  let overlapped = false;
  const save = async (): Promise<'done'> => {
    running++;
    if (running > 1) overlapped = true;
    const text = state.text;
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    saved.push({ at: Date.now(), text });
    running--;
    return 'done';
  };
  return { save, saved, overlapped: () => overlapped };
};

describe('save queue (notes saved as they are typed)', () => {
  it('saves during a long stretch of typing, one save at a time, and always the final text', async () => {
    const state = { text: '' };
    const { save, saved, overlapped } = recorder(80, state);
    const queue = new SaveQueue(save, 300);
    const start = Date.now();
    for (let i = 0; i < 60; i++) {
      state.text += 'x';
      queue.changed();
      await vi.advanceTimersByTimeAsync(50);
    }
    // Typing never paused for 3 s, yet saves went out all along: no more than 300 ms + one round trip apart.
    const times = saved.map((s) => s.at - start);
    expect(saved.length).toBeGreaterThanOrEqual(7);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(300 + 80 + 50);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved.at(-1)?.text).toBe('x'.repeat(60));
    expect(overlapped()).toBe(false);
    expect(queue.pending).toBe(false);
  });

  it('saves at once when flushed, and again after a save that asks to be retried', async () => {
    const attempts: number[] = [];
    let fail = true;
    const queue = new SaveQueue(async () => {
      attempts.push(Date.now());
      if (fail) {
        fail = false;
        return 'retry';
      }
      return 'done';
    }, 300);
    const start = Date.now();
    queue.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts.map((t) => t - start)).toEqual([0]);
    expect(queue.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(1200);
    expect(attempts.map((t) => t - start)).toEqual([0, 1200]);
    expect(queue.pending).toBe(false);
  });

  it('does nothing when nothing changed', async () => {
    const save = vi.fn(async () => 'done' as const);
    new SaveQueue(save, 300);
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).not.toHaveBeenCalled();
  });
});
