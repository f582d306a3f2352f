import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ApiError } from '../../shared/api/apiError.js';
import { apiMethodNames, type ApiEvent, type ApiHandlers } from '../../shared/api/contract.js';
import { dispatchApiCall } from '../../shared/api/dispatch.js';
import { apiErrorOf } from '../app/apiErrorOf.js';
import { apiChannel, eventChannel, type IpcReply } from './ipcChannels.js';

/**
 * IPC handlers only check the sender, validate (inside dispatch) and delegate to the services.
 * Messages are accepted only from the app's own page (the renderer's index.html).
 */
export function registerIpcHandlers(handlers: ApiHandlers, isAppPage: (url: string) => boolean): () => void {
  for (const method of apiMethodNames) {
    ipcMain.handle(apiChannel(method), async (event: IpcMainInvokeEvent, payload: unknown): Promise<IpcReply> => {
      try {
        const url = event.senderFrame?.url ?? '';
        if (!isAppPage(url)) throw new ApiError(`IPC from an unknown page refused: ${url}`, 'forbidden');
        return { result: await dispatchApiCall(handlers, method, payload) };
      } catch (error) {
        return { error: apiErrorOf(error).toJSON() };
      }
    });
  }
  return () => apiMethodNames.forEach((method) => ipcMain.removeHandler(apiChannel(method)));
}

/** Forwards service events to a window while it lives. */
export function forwardEvents(onEvent: (listener: (event: ApiEvent) => void) => () => void, contents: WebContents): () => void {
  const unsubscribe = onEvent((event) => {
    if (!contents.isDestroyed()) contents.send(eventChannel, event);
  });
  contents.once('destroyed', unsubscribe);
  return unsubscribe;
}
