import { randomBytes } from 'node:crypto';
import { startSimulatorServer, type RunningSimulator } from '../../main/simulator/sim-server';
import { Simulator, type SimulatorOptions } from '../../main/simulator/simulator';

/** A simulator on a free loopback port, for unit tests. */
export const startTestSimulator = (options: SimulatorOptions = {}): Promise<RunningSimulator> =>
  startSimulatorServer({ simulator: new Simulator(options), controlToken: randomBytes(16).toString('hex') });
