/**
 * The preload: runs sandboxed, before the page, with context isolation. It exposes the bridge and
 * nothing else: no ipcRenderer, no process, no Node object, no generic invoke or send.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge } from './bridge.ts';
import { BRIDGE_GLOBAL, type BridgeResult } from './contract.ts';

const bridge = createBridge({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<BridgeResult<unknown>>,
  subscribe(channel, listener) {
    // The Electron event object is dropped: it carries `sender`, which must not reach the page.
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
