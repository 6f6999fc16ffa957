import { randomBytes } from 'node:crypto';
import type { Provider } from '../../preload/contract';
import type { DemoBackend, DemoLine } from '../core/demo-backend';
import { AppFailure } from '../core/errors';
import { startSimulatorServer, type RunningSimulator } from '../simulator/sim-server';
import { SimError, Simulator } from '../simulator/simulator';

/** Brazilian mobile numbers the demo's simulated customers call from. */
const demoCallers = ['+5511987654321', '+5521998877665', '+5531991234567', '+5548996543210', '+5585988112233'];

export interface DemoSimulator extends DemoBackend {
  running: RunningSimulator;
  close(): Promise<void>;
}

/** Starts the simulator on loopback with one demo line per number type the demo supports. */
export const startDemoSimulator = async (options: { ringTimeoutMs?: number } = {}): Promise<DemoSimulator> => {
  const simulator = new Simulator({ ringTimeoutMs: options.ringTimeoutMs ?? 30_000 });
  const running = await startSimulatorServer({ simulator, controlToken: randomBytes(24).toString('base64url') });
  const web = simulator.addNumber({ provider: 'EVO_GO', id: 'demo-web' });
  // The demo's customer repeats what the agent says, so an agent trying the app hears the whole audio path.
  simulator.media.defaultVoice = { kind: 'echo' };
  const numbers = new Map<Provider, typeof web>([['EVO_GO', web]]);
  const lines: DemoLine[] = [{ label: 'Demo web line', provider: 'EVO_GO', baseUrl: running.url, apiKey: web.apiKey }];
  let next = 0;
  return {
    running,
    lines,
    async incomingCall(provider) {
      const number = numbers.get(provider);
      if (!number) throw new AppFailure('FEATURE_NOT_SUPPORTED', `The demo has no ${provider} line.`);
      const from = demoCallers[next++ % demoCallers.length]!;
      return { callId: simulator.incomingCall({ numberId: number.id, from }).id };
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
