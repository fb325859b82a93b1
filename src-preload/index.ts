/**
 * The preload: runs sandboxed, before the page, with context isolation. It exposes the bridge and
 * nothing else: no ipcRenderer, no process, no Node object, no generic invoke or send.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge, type BridgeTransport } from './bridge.ts';
import { BRIDGE_GLOBAL, type BridgeResult } from './contract.ts';
import { takeEmbeddedOpening, type OpeningHost } from './embedded-opening.ts';

/** The page's document, as far as the preload reads it (the preload's build has no DOM types). */
declare const document: OpeningHost;

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

// The page's first call for its opening is answered from the document when main wrote it there.
const bridge = createBridge(transport, { openingInPage: () => takeEmbeddedOpening(document) });

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
