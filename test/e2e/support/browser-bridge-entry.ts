/// <reference lib="dom" />
/**
 * Runs in the page under test, before the app's scripts, in place of the Electron preload: the same
 * createBridge() over a transport that reaches the Node test process, where the real dispatcher and
 * handler table answer. Events arrive through `__mdEmit`.
 *
 * Two transports (see ./browser-bridge.ts): a Playwright binding, which tells main which frame is
 * calling (the default), and, for pages opened with `?bridge=http`, a POST to the test server, which
 * answers in about a millisecond where the binding takes 13–40 ms: closer to Electron's IPC, for
 * the renderer benchmark.
 */
import { createBridge, type BridgeTransport } from '../../../src-preload/bridge.ts';
import { BRIDGE_GLOBAL, type BridgeResult } from '../../../src-preload/contract.ts';
import { takeEmbeddedOpening } from '../../../src-preload/embedded-opening.ts';
import { BRIDGE_HTTP_PATH } from './bridge-http-path.ts';

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

async function invokeOverHttp(channel: string, input: unknown): Promise<BridgeResult<unknown>> {
  const response = await fetch(BRIDGE_HTTP_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel, input }) });
  return (await response.json()) as BridgeResult<unknown>;
}

const overHttp = new URLSearchParams(location.search).get('bridge') === 'http';

const transport: BridgeTransport = {
  // Exactly one argument, as the preload sends it through ipcRenderer.invoke(channel, input).
  invoke: (channel, input) => (overHttp ? invokeOverHttp(channel, input) : window.__mdInvoke(channel, [input])),
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set<Listener>();
    listeners.set(channel, set);
    set.add(listener);
    return () => void set.delete(listener);
  },
};

Object.defineProperty(window, BRIDGE_GLOBAL, {
  value: createBridge(transport, { openingInPage: () => takeEmbeddedOpening(document) }),
  enumerable: true,
});
