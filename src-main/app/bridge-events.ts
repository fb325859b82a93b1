/**
 * Main → renderer events, typed by the contract. Services publish here; the Electron adapter
 * forwards to the window (webContents.send) and the end-to-end harness to the page under test.
 */
import type { EventName, Events } from '../../src-preload/contract.ts';

export type BridgeEventListener = <K extends EventName>(name: K, payload: Events[K]) => void;

export class BridgeEvents {
  readonly #listeners = new Set<BridgeEventListener>();

  emit<K extends EventName>(name: K, payload: Events[K]): void {
    for (const listener of this.#listeners) listener(name, payload);
  }

  subscribe(listener: BridgeEventListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }
}
