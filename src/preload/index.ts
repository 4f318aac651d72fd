/**
 * The popover's only door to the main process: `window.apsdWatch`, an ApsdClient over IPC. It
 * forwards the shared contract's channels only and never hands the page an IpcRendererEvent (whose `sender`
 * would expose ipcRenderer itself). Built as CommonJS, as sandboxed preloads must be.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  isPushChannel,
  isRequestChannel,
  type ApsdClient,
  type PushChannels,
} from '../shared/ipc-contract';
import { unwrapReply } from './channels';

const client: ApsdClient = {
  async invoke(channel, ...args) {
    if (!isRequestChannel(channel)) throw new Error(`${String(channel)}: unknown channel`);
    const reply: unknown = await ipcRenderer.invoke(channel, ...args);
    return unwrapReply(channel, reply) as never;
  },
  on(channel, listener) {
    if (!isPushChannel(channel)) throw new Error(`${String(channel)}: unknown channel`);
    const forward = (_event: IpcRendererEvent, payload: PushChannels[typeof channel]) =>
      listener(payload);
    ipcRenderer.on(channel, forward);
    return () => void ipcRenderer.removeListener(channel, forward);
  },
};

contextBridge.exposeInMainWorld('apsdWatch', client);
