import WebSocket from 'ws';
import type { CommandName, CommandRequest, CommandResults, EventName, EventPayloads, Result, ServerFrame } from '../../preload/contract';
import type { AppProcess } from './app-process';
import { sessionSecretFor } from './launch-session';

/**
 * Speaks the browser host's contract socket from a test, as the renderer
 * does (session secret as a subprotocol, the app's own Origin), for tests
 * that drive the app without a window.
 */
export interface ContractClient {
  call<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<Result<CommandResults[N]>>;
  /** Resolves with the first event of that name the predicate accepts (events seen before the call count too). */
  waitFor<E extends EventName>(event: E, accept: (payload: EventPayloads[E]) => boolean, timeoutMs?: number): Promise<EventPayloads[E]>;
  close(): void;
}

export const connectContract = async (app: Pick<AppProcess, 'origin' | 'windowUrl'>): Promise<ContractClient> => {
  // As a window would: a one-time address from the host, its code exchanged for the session secret.
  const secret = await sessionSecretFor(await app.windowUrl());
  const ws = new WebSocket(`${app.origin.replace(/^http/, 'ws')}/contract`, ['pilot-contract.v1', `secret.${secret}`], { origin: app.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const seen: { event: EventName; payload: unknown }[] = [];
  const waiters = new Set<() => void>();
  let nextId = 1;
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame;
    if ('id' in frame) {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    } else {
      seen.push(frame);
      if (seen.length > 5000) seen.splice(0, seen.length - 5000);
      for (const wake of waiters) wake();
    }
  });
  ws.on('close', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'DISCONNECTED', message: 'socket closed' } });
    pending.clear();
  });
  return {
    call: (name, request) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve as (result: Result<unknown>) => void);
        ws.send(JSON.stringify({ id, command: name, request }));
      }),
    waitFor: (event, accept, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = seen.find((e) => e.event === event && accept(e.payload as EventPayloads[typeof event]));
          if (!hit) return false;
          cleanup();
          resolve(hit.payload as EventPayloads[typeof event]);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${event} event within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        const wake = () => void check();
        if (!check()) waiters.add(wake);
      }),
    close: () => ws.close(),
  };
};
