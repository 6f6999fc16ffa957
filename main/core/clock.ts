/**
 * Time as a port, so state machines and pollers are tested without sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch (may be fractional). */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export type TimerHandle = { readonly __timer: unique symbol } | ReturnType<typeof setTimeout>;

export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const isoTime = (ms: number): string => new Date(Math.round(ms)).toISOString();

/** An ISO time from Pilot Status as epoch milliseconds; undefined when absent or unreadable. */
export const parseTime = (value: string | null | undefined): number | undefined => {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};
