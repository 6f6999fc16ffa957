import { contextBridge, ipcRenderer } from 'electron';
import { commandNames, eventNames, ipcChannel, mediaPortChannels, type EventName, type MediaPortApi, type PilotApi } from './contract';

/**
 * Exposes the contract to the renderer as named verbs (`pilot.calls.answer`),
 * never a generic `send`: the renderer can reach exactly the commands the
 * contract lists, and the main side still checks every request.
 */
const api: Record<string, unknown> = {};
for (const name of commandNames) {
  const [namespace, verb] = name.split('.') as [string, string];
  const group = (api[namespace] ??= {}) as Record<string, unknown>;
  group[verb] = (request: unknown) => ipcRenderer.invoke(ipcChannel.command(name), request);
}
api.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!eventNames.includes(event)) throw new Error(`unknown event ${event}`);
  const channel = ipcChannel.event(event);
  const wrapped = (_event: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
};

contextBridge.exposeInMainWorld('pilot', api as PilotApi);

// Web-number call audio: the MessagePort the main side makes for a call is passed on to the page (ports cannot cross contextBridge).
// The preload is type-checked without the DOM library; this is the one window call it makes.
const page = globalThis as unknown as { postMessage(message: unknown, targetOrigin: string, transfer: readonly unknown[]): void };
ipcRenderer.on(mediaPortChannels.port, (event, message: { callId: string }) => {
  page.postMessage({ type: mediaPortChannels.windowMessage, callId: message.callId }, '*', event.ports);
});
contextBridge.exposeInMainWorld('pilotMedia', {
  open: (callId: string) => ipcRenderer.send(mediaPortChannels.open, callId),
} satisfies MediaPortApi);
