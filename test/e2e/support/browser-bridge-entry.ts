/// <reference lib="dom" />
/**
 * Runs in the page under test, before the app's scripts, in place of the Electron preload: the same
 * createBridge() over a transport that reaches the Node test process through a Playwright binding,
 * where the real dispatcher and handler table answer. Events arrive through `__mdEmit`.
 */
import { createBridge } from '../../../src-preload/bridge.ts';
import { BRIDGE_GLOBAL } from '../../../src-preload/contract.ts';

type Listener = (payload: unknown) => void;

declare global {
  interface Window {
    __mdInvoke(channel: string, args: unknown[]): Promise<never>;
    __mdEmit(channel: string, payload: unknown): void;
  }
}

const listeners = new Map<string, Set<Listener>>();

window.__mdEmit = (channel, payload) => {
  listeners.get(channel)?.forEach((listener) => listener(payload));
};

Object.defineProperty(window, BRIDGE_GLOBAL, {
  value: createBridge({
    // Exactly one argument, as the preload sends it through ipcRenderer.invoke(channel, input).
    invoke: (channel, input) => window.__mdInvoke(channel, [input]),
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set<Listener>();
      listeners.set(channel, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
  }),
  enumerable: true,
});
