import type { Provider } from '../../preload/contract';
import type { DemoBackend } from '../core/demo-backend';
import type { DemoSimulator } from './demo';

/** The demo simulator, loaded and started only when the core first needs it. */
export interface LazyDemo extends DemoBackend {
  start(): Promise<void>;
  /** The running simulator, once started. */
  readonly simulator: DemoSimulator | null;
  close(): Promise<void>;
}

/**
 * The built-in simulator (and its WebRTC and Opus code) costs memory and
 * start-up time an agent with real lines never needs: it is imported and
 * started on first use, when the app enters demo mode or runs the audio test.
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
