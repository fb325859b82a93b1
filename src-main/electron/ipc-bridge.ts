/**
 * Registers the bridge with Electron: one `ipcMain.handle` per contract channel, each passing the
 * sender's identity to the dispatcher, which refuses anything but the main frame of the app's own
 * window on the app's own origin. Events go to that window only.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CALL_CHANNELS, EVENT_CHANNELS, type EventName, type Events } from '../../src-preload/contract.ts';
import type { CallSender, Dispatcher } from '../bridge/dispatcher.ts';

export function describeSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): CallSender {
  const frame = event.senderFrame;
  const fromAppWindow = window !== null && !window.isDestroyed() && event.sender === window.webContents;
  return {
    fromAppWindow,
    isMainFrame: fromAppWindow && frame !== null && frame === window.webContents.mainFrame,
    frameUrl: frame?.url ?? '',
  };
}

export function registerBridge(dispatcher: Dispatcher, getWindow: () => BrowserWindow | null): () => void {
  const channels = Object.values(CALL_CHANNELS);
  for (const channel of channels) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => dispatcher.dispatch(channel, describeSender(event, getWindow()), args));
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

export function sendEvent<K extends EventName>(window: BrowserWindow | null, name: K, payload: Events[K]): void {
  if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
  window.webContents.send(EVENT_CHANNELS[name], payload);
}
