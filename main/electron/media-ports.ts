import { ipcMain, MessageChannelMain } from 'electron';
import { mediaPortChannels } from '../../preload/contract';
import type { WebMediaService } from '../core/providers/evo-go/web-media-service';
import { isTrustedSender } from './security-policy';

const asBytes = (data: unknown): Uint8Array | null =>
  data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;

/**
 * The Electron host's per-call binary audio channel: when the renderer asks
 * for a call's channel, a MessageChannelMain is made, one end attached to
 * the call's realtime audio and the other handed to the window. Frames are
 * transferred bytes, never JSON, never the contract IPC.
 */
export const registerMediaPorts = (media: Pick<WebMediaService, 'attachRenderer'>): void => {
  ipcMain.on(mediaPortChannels.open, (event, callId: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url) || typeof callId !== 'string' || callId.length > 200) return;
    const { port1, port2 } = new MessageChannelMain();
    const attachment = media.attachRenderer(callId, {
      send: (frame) => port1.postMessage(frame),
      close: () => port1.close(),
    });
    if (!attachment) {
      port1.close();
      return;
    }
    port1.on('message', (message) => {
      const bytes = asBytes(message.data);
      if (bytes) attachment.receive(bytes);
    });
    port1.on('close', () => attachment.detach());
    port1.start();
    event.sender.postMessage(mediaPortChannels.port, { callId }, [port2]);
  });
};
