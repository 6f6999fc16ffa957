import type { Provider } from '../../preload/contract';
import type { DemoBackend } from '../core/demo-backend';
import type { DemoSimulator } from './demo';

/** The demo simulator, loaded and started only when the core first needs it. */
export interface LazyDemo extends DemoBackend {
  /** Loads and starts the simulator on first use; later, makes it listen again if it was paused. */
  start(): Promise<void>;
  /** Stops listening while nothing needs it (demo-on-demand.ts); the next {@link start} listens again. */
  pause(): Promise<void>;
  /** The running simulator, once started. */
  readonly simulator: DemoSimulator | null;
  close(): Promise<void>;
}

/**
 * The built-in simulator (and its WebRTC and Opus code) costs memory and
 * start-up time an agent with real lines never needs: it is imported and
 * started on first use, when the app enters demo mode or runs the audio test.
 * Once started it listens on loopback only while it is needed: `pause` stops
 * that, and `start` resumes it (perhaps on another port, so the lines are read
 * again when opened).
 */
export const lazyDemoSimulator = (options: { ringTimeoutMs?: number } = {}): LazyDemo => {
  let running: DemoSimulator | null = null;
  let starting: Promise<DemoSimulator> | null = null;
  const started = (): DemoSimulator => {
    if (!running) throw new Error('The demo simulator has not started.');
    return running;
  };
  return {
    async start() {
      starting ??= import('./demo').then(({ startDemoSimulator }) => startDemoSimulator(options));
      running = await starting;
      if (!running.running.listening) await running.running.resume();
    },
    async pause() {
      if (running?.running.listening) await running.running.pause();
    },
    get simulator() {
      return running;
    },
    get lines() {
      return started().lines;
    },
    get audioTest() {
      return started().audioTest;
    },
    incomingCall: (provider: Provider) => started().incomingCall(provider),
    customerHangup: (callId: string) => started().customerHangup(callId),
    async close() {
      await (starting ? (await starting).close() : undefined);
    },
  };
};
