/**
 * The preload: runs sandboxed, before the page, with context isolation. It exposes the bridge and
 * nothing else: no ipcRenderer, no process, no Node object, no generic invoke or send.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge, type BridgeTransport } from './bridge.ts';
import { BRIDGE_GLOBAL, type BridgeResult } from './contract.ts';

const transport: BridgeTransport = {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<BridgeResult<unknown>>,
  subscribe(channel, listener) {
    // The Electron event object is dropped: it carries `sender`, which must not reach the page.
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

// The window shows only the app's page (navigation is denied): its opening can be asked for now.
const bridge = createBridge(transport, { openEarly: true });

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
