/**
 * The preload of every window (sandboxed, context-isolated): exposes exactly the
 * typed API bridge and nothing of Node or Electron.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENT, type SottoBridge } from '../app/api/bridge';

const bridge: SottoBridge = {
  call: (method, params) => {
    if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'));
    return ipcRenderer.invoke(IPC_CALL, method, params);
  },
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
};

contextBridge.exposeInMainWorld('sottoBridge', bridge);
