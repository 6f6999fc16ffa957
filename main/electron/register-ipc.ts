import { ipcMain, type WebContents } from 'electron';
import { commandNames, ipcChannel } from '../../preload/contract';
import type { Dispatch } from '../core/commands/dispatcher';
import type { EventHub } from '../runtime/event-hub';
import { isTrustedSender } from './security-policy';

/** One `ipcMain.handle` per contract command, answered only for the app's own frames. */
export const registerContractIpc = (dispatch: Dispatch): void => {
  for (const name of commandNames) {
    ipcMain.handle(ipcChannel.command(name), (event, request: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender' } };
      }
      return dispatch(name, request);
    });
  }
};

/** Forwards core events to a window for as long as it lives. */
export const forwardEvents = (events: EventHub, contents: WebContents): void => {
  const unsubscribe = events.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(ipcChannel.event(event), payload);
  });
  contents.once('destroyed', unsubscribe);
};
