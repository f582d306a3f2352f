/**
 * The renderer's only door to the app: one named method per API call and `onEvent`, exposed with
 * contextBridge (never ipcRenderer itself). Replies arrive as `{ result }` or `{ error }`; an error is
 * passed on as a plain object so its code and field issues survive the bridge.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { apiMethodNames, type ApiEvent } from '../../shared/api/contract.js';
import { apiChannel, eventChannel, type IpcReply } from './ipcChannels.js';

const api: Record<string, unknown> = {};
for (const name of apiMethodNames) {
  api[name] = async (input: unknown) => {
    const reply = (await ipcRenderer.invoke(apiChannel(name), input)) as IpcReply;
    if ('error' in reply) throw reply.error;
    return reply.result;
  };
}
api.onEvent = (listener: (event: ApiEvent) => void) => {
  const forward = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload);
  ipcRenderer.on(eventChannel, forward);
  return () => ipcRenderer.removeListener(eventChannel, forward);
};

contextBridge.exposeInMainWorld('optlab', api);
