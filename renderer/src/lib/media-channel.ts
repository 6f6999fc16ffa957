import type { MediaPortApi } from '../../../preload/contract';
import { mediaPortChannels, mediaSocketPath, mediaSocketProtocol, socketSecretPrefix } from '../../../preload/contract/constants';

/**
 * A call's binary audio channel to the main side: frames of an 8-byte time
 * stamp and PCM16 (see `preload/contract/constants.ts`). A WebSocket in the
 * browser host, a MessagePort in Electron; never the contract channel, never JSON.
 */
export interface MediaChannel {
  send(frame: ArrayBuffer): void;
  onFrame: ((frame: ArrayBuffer) => void) | null;
  /** The main side closed it (call audio ended, replaced, or the host went away). */
  onClose: ((code: number) => void) | null;
  close(): void;
}

declare global {
  interface Window {
    pilotMedia?: MediaPortApi;
  }
}

/** Browser host: a WebSocket guarded by the launch secret, like the contract socket. */
export const openSocketChannel = (callId: string, secret: string): Promise<MediaChannel> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${location.host}${mediaSocketPath}?call=${encodeURIComponent(callId)}`, [mediaSocketProtocol, `${socketSecretPrefix}${secret}`]);
    ws.binaryType = 'arraybuffer';
    const channel: MediaChannel = {
      send: (frame) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(frame);
      },
      onFrame: null,
      onClose: null,
      close: () => ws.close(1000),
    };
    ws.onopen = () => resolve(channel);
    ws.onmessage = (event) => {
      if (event.data instanceof ArrayBuffer) channel.onFrame?.(event.data);
    };
    ws.onclose = (event) => {
      reject(new Error(`media channel closed (${event.code})`));
      channel.onClose?.(event.code);
    };
  });

const toArrayBuffer = (data: unknown): ArrayBuffer | null => {
  if (data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  return null;
};

/** Electron: the preload hands over a MessagePort made by the main side for this call. */
export const openPortChannel = (callId: string, media: MediaPortApi, timeoutMs = 5000): Promise<MediaChannel> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      window.removeEventListener('message', onMessage);
      reject(new Error('no media port arrived'));
    }, timeoutMs);
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; callId?: string } | null;
      const port = event.ports[0];
      if (event.source !== window || data?.type !== mediaPortChannels.windowMessage || data.callId !== callId || !port) return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      const channel: MediaChannel = {
        send: (frame) => port.postMessage(frame, [frame]),
        onFrame: null,
        onClose: null,
        close: () => port.close(),
      };
      port.onmessage = (message) => {
        const frame = toArrayBuffer(message.data);
        if (frame) channel.onFrame?.(frame);
      };
      port.addEventListener('close', () => channel.onClose?.(1000));
      port.start();
      resolve(channel);
    };
    window.addEventListener('message', onMessage);
    media.open(callId);
  });
