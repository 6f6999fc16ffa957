import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../preload/contract';
import { MemoryCredentialStore } from '../../main/core/credentials/credential-store';
import { LineManager } from '../../main/core/lines/line-manager';
import { silentLogger } from '../../main/core/logging/logger';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import type { SimNumber } from '../../main/simulator/sim-state';
import en from '../../resources/locales/en.json';
import ptBR from '../../resources/locales/pt-BR.json';
import { DomainEvents } from '../../main/core/domain-events';
import { lineFeatures } from '../../main/core/providers/number-types';
import { ManualClock } from '../support/manual-clock';
import { startTestSimulator } from '../support/sim';

let sim: RunningSimulator;
let number: SimNumber;
let lines: LineManager;
let clock: ManualClock;
const changes: ConnectionView[] = [];

const open = async (baseUrl: string): Promise<void> => {
  const keys = new MemoryCredentialStore();
  await keys.set('line_1', number.apiKey);
  lines = new LineManager({
    clock,
    logger: silentLogger(),
    emit: (event, payload) => {
      if (event === 'connections.changed') changes.push(payload as ConnectionView);
    },
    events: new DomainEvents(),
    featuresOf: lineFeatures,
    credentialsFor: () => keys,
    idleIntervalMs: () => 1000,
    onIntake: () => undefined,
  });
  lines.open({ id: 'line_1', label: 'Support', provider: 'EVO_GO', baseUrl, demo: false });
};

/** Lets the line poll (each poll done before the clock moves on) until its connection leaves `connecting`. */
const settle = async (): Promise<ConnectionView> => {
  for (let poll = 0; poll < 6; poll++) {
    await expect.poll(() => clock.pendingDelays().length).toBe(1);
    const connection = lines.connections()[0]!;
    if (connection.state !== 'connecting') return connection;
    clock.advance(clock.pendingDelays()[0]!);
  }
  throw new Error('the line never left connecting');
};

beforeEach(async () => {
  sim = await startTestSimulator();
  number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  clock = new ManualClock();
  changes.length = 0;
});
afterEach(async () => {
  lines.closeAll();
  await sim.close();
});

describe('a line says why it cannot poll', () => {
  it('a 500 is Pilot Status\'s own problem, not "cannot reach"', async () => {
    sim.simulator.faults.add({ kind: 'server-error' });
    await open(sim.url);
    expect(await settle()).toMatchObject({ state: 'service-error', error: { code: 'INTERNAL_ERROR', details: { status: 500 } } });
  });

  it('a 429 is "asked to slow down", with the time it may try again', async () => {
    sim.simulator.faults.add({ kind: 'rate-limit', retryAfterSeconds: 40 });
    await open(sim.url);
    const connection = await settle();
    expect(connection).toMatchObject({ state: 'rate-limited', error: { code: 'RATE_LIMITED' } });
    expect(Date.parse(connection.nextAttemptAt!) - clock.now()).toBeGreaterThanOrEqual(40_000);
  });

  it('a 404 on the calls path is "nothing at this address"', async () => {
    await open(`${sim.url}/somewhere-else`);
    const c = await settle();
    expect(c).toMatchObject({ state: 'wrong-address', error: { details: { status: 404 } } });
  });

  it('a closed port is "cannot reach"', async () => {
    await open('http://127.0.0.1:9');
    expect((await settle()).state).toBe('unreachable');
  });

  it('every state has a sentence in every language', () => {
    for (const state of ['unreachable', 'service-error', 'rate-limited', 'wrong-address', 'unauthorized', 'keychain-error']) {
      expect([state, (en.status as Record<string, string>)[state]]).toEqual([state, expect.stringContaining('{{line}}')]);
      expect([state, (ptBR.status as Record<string, string>)[state]]).toEqual([state, expect.stringContaining('{{line}}')]);
    }
    for (const code of ['NOT_FOUND', 'REDIRECTED_ELSEWHERE', 'INSECURE_ADDRESS', 'RESPONSE_TOO_LARGE']) {
      expect([code, typeof (en.errors as Record<string, string>)[code]]).toEqual([code, 'string']);
    }
  });
});
