import type { ClientFrame, EventName, EventPayloads, PilotApi, Result, ServerFrame } from '../../../preload/contract';
import { contractSocketPath, socketProtocol, socketSecretPrefix } from '../../../preload/contract/constants';
import { sessionSecret } from './launch-session';
import { openPortChannel, openSocketChannel, type MediaChannel } from './media-channel';

/**
 * The only code in the renderer that reaches out: the Electron preload's
 * `window.pilot` when present, else the browser host's loopback socket
 * speaking the same contract.
 */
declare global {
  interface Window {
    pilot?: PilotApi;
  }
}

export type BridgeStatus = 'connecting' | 'open' | 'closed';

export interface Bridge {
  api: PilotApi;
  onStatus(listener: (status: BridgeStatus) => void): () => void;
  /** The binary audio channel of a web-number call (see media-channel.ts). */
  openMediaChannel(callId: string): Promise<MediaChannel>;
}

const disconnected = <T>(): Result<T> => ({ ok: false, error: { code: 'DISCONNECTED', message: 'not connected to the host' } });

const socketBridge = (): Bridge => {
  let secret: string | null = null;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: BridgeStatus) => void>();
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;

  const setStatus = (status: BridgeStatus) => statusListeners.forEach((listener) => listener(status));

  const connect = () => {
    setStatus('connecting');
    const ws = new WebSocket(`ws://${location.host}${contractSocketPath}`, [socketProtocol, `${socketSecretPrefix}${secret ?? ''}`]);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      setStatus('open');
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as ServerFrame;
      if ('id' in frame) {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      } else {
        listeners.get(frame.event)?.forEach((listener) => listener(frame.payload));
      }
    };
    ws.onclose = () => {
      socket = null;
      for (const resolve of pending.values()) resolve(disconnected());
      pending.clear();
      setStatus('closed');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };

  const invoke = (command: string, request: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      if (!socket || socket.readyState !== WebSocket.OPEN) return resolve(disconnected());
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, command, request } satisfies ClientFrame));
    });

  const on = <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  };

  // `api.calls.answer(request)` becomes the command `calls.answer`; the host rejects names the contract lacks.
  const api = new Proxy({} as PilotApi, {
    get: (_target, namespace: string) =>
      namespace === 'on'
        ? on
        : new Proxy({}, { get: (_t, verb: string) => (request: unknown) => invoke(`${namespace}.${verb}`, request ?? {}) }),
  });

  void sessionSecret().then((value) => {
    secret = value;
    connect();
  });
  return {
    api,
    onStatus: (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    openMediaChannel: (callId) => openSocketChannel(callId, secret ?? ''),
  };
};

const preloadBridge = (api: PilotApi): Bridge => ({
  api,
  onStatus: (listener) => {
    listener('open');
    return () => {};
  },
  openMediaChannel: (callId) =>
    window.pilotMedia ? openPortChannel(callId, window.pilotMedia) : Promise.reject(new Error('the preload offers no media ports')),
});

export const createBridge = (): Bridge => (window.pilot ? preloadBridge(window.pilot) : socketBridge());
