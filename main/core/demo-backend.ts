import type { Provider } from '../../preload/contract';

/** A line of the built-in simulator, opened while no real account is configured. */
export interface DemoLine {
  /** Translation key of the line's name: the app names these lines, so the name follows the agent's language. */
  labelKey: string;
  provider: Provider;
  baseUrl: string;
  apiKey: string;
}

/**
 * The simulator as the core sees it in demo mode: lines to open and buttons
 * for the simulated customer. The runtime implements it over the simulator.
 */
export interface DemoBackend {
  /** Starts the simulator if it is not running yet (it is loaded only when demo mode or the audio test needs it). */
  start?(): Promise<void>;
  readonly lines: readonly DemoLine[];
  /** "Test my audio": a Meta line of the simulator and a number whose phone sends back what it hears. */
  readonly audioTest?: { line: DemoLine; echoNumber: string };
  incomingCall(provider: Provider): Promise<{ callId: string }>;
  customerHangup(callId: string): Promise<void>;
}
