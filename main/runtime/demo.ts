import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Provider } from '../../preload/contract';
import type { DemoBackend, DemoLine } from '../core/demo-backend';
import { AppFailure } from '../core/errors';
import { startSimulatorServer, type RunningSimulator } from '../simulator/sim-server';
import { SimError } from '../simulator/sim-error';
import { Simulator } from '../simulator/simulator';

/** Brazilian mobile numbers the demo's simulated customers call from. */
const demoCallers = ['+5511987654321', '+5521998877665', '+5531991234567', '+5548996543210', '+5585988112233'];
/** The number "Test my audio" calls: its phone echoes what it hears. */
export const echoNumber = '+5511900000999';
/** What the demo's Meta customers say: a short sentence in Portuguese, or a tone if the file is not shipped. */
const customerSpeech = fileURLToPath(new URL('../../resources/prompts/demo-customer-pt-BR.wav', import.meta.url));

/** Demo Meta customers: the first two already allow calls; the others answer a permission request after a few seconds. */
const setUpMetaCustomers = (simulator: Simulator): void => {
  const audio = existsSync(customerSpeech) ? ({ kind: 'speech', file: customerSpeech } as const) : ({ kind: 'tone', hz: 440 } as const);
  demoCallers.forEach((phone, index) =>
    simulator.meta.customer(phone, {
      audio,
      pickupDelayMs: 2500,
      permission: index < 2 ? { status: 'permanent', expiresAt: null } : { status: 'no_permission', expiresAt: null },
      autoPermission: { status: 'temporary', afterMs: 4000 },
    }),
  );
  simulator.meta.customer(echoNumber, { audio: { kind: 'echo' }, pickupDelayMs: 200, permission: { status: 'permanent', expiresAt: null } });
};

export interface DemoSimulator extends DemoBackend {
  running: RunningSimulator;
  close(): Promise<void>;
}

/**
 * Starts the simulator on loopback with one demo line per number type the
 * demo supports. The runtime lets it listen only while it is needed
 * (lazy-demo.ts, demo-on-demand.ts), so its address may change between uses.
 */
export const startDemoSimulator = async (options: { ringTimeoutMs?: number } = {}): Promise<DemoSimulator> => {
  const simulator = new Simulator({ ringTimeoutMs: options.ringTimeoutMs ?? 30_000 });
  const running = await startSimulatorServer({ simulator, controlToken: randomBytes(24).toString('base64url') });
  const web = simulator.addNumber({ provider: 'EVO_GO', id: 'demo-web' });
  // The web line's customer repeats what the agent says, so an agent trying the app hears the whole audio path.
  simulator.media.defaultVoice = { kind: 'echo' };
  const meta = simulator.addNumber({ provider: 'META', id: 'demo-meta' });
  const echo = simulator.addNumber({ provider: 'META', id: 'audio-test' });
  setUpMetaCustomers(simulator);
  const numbers = new Map<Provider, typeof web>([
    ['EVO_GO', web],
    ['META', meta],
  ]);
  let next = 0;
  return {
    running,
    // Read when lines open: the address is where the simulator listens now.
    get lines(): DemoLine[] {
      return [
        { labelKey: 'demo.webLineLabel', provider: 'EVO_GO', baseUrl: running.url, apiKey: web.apiKey },
        { labelKey: 'demo.metaLineLabel', provider: 'META', baseUrl: running.url, apiKey: meta.apiKey },
      ];
    },
    get audioTest() {
      return { line: { labelKey: 'audioTest.lineLabel', provider: 'META' as const, baseUrl: running.url, apiKey: echo.apiKey }, echoNumber };
    },
    async incomingCall(provider) {
      const number = numbers.get(provider);
      if (!number) throw new AppFailure('FEATURE_NOT_SUPPORTED', `The demo has no ${provider} line.`);
      const from = demoCallers[next++ % demoCallers.length]!;
      const call = provider === 'META' ? await simulator.meta.incomingCall({ numberId: number.id, from }) : simulator.incomingCall({ numberId: number.id, from });
      return { callId: call.id };
    },
    async customerHangup(callId) {
      try {
        simulator.customerHangup(callId);
      } catch (error) {
        if (error instanceof SimError) throw new AppFailure(error.code, error.message);
        throw error;
      }
    },
    close: () => running.close(),
  };
};
