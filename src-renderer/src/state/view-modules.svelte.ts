/**
 * The views' code, loaded on first visit. The window starts with the shell and the overview only
 * (what the first paint needs); every other view is its own chunk, fetched the first time it is
 * shown and kept from then on. The loaders themselves are the views' (views/lazy-views.ts): state
 * never imports a view.
 */
import type { Component } from 'svelte';
import type { UserFacingError, ViewName } from '../../../src-preload/contract.ts';
import { VIEW_TITLES } from '../lib/labels.ts';

export type ViewLoader = () => Promise<{ default: Component }>;

/** A chunk that did not load: only a damaged install or a file removed under a running app does that. */
function loadFailure(view: ViewName): UserFacingError {
  return {
    kind: 'viewUnavailable',
    message: `The ${VIEW_TITLES[view]} view could not be opened.`,
    action: 'Try again. If it keeps failing, reinstall Margin Desk: one of its files is missing or damaged.',
    retryable: true,
  };
}

export class ViewModules {
  readonly #loaders: Readonly<Partial<Record<ViewName, ViewLoader>>>;
  /** Loads on their way (plain bookkeeping: nothing on screen reads it). */
  readonly #inFlight: Partial<Record<ViewName, Promise<void>>> = {};
  /** The components at hand, by view: the bundled ones from the start, the others once loaded. */
  loaded = $state.raw<Readonly<Partial<Record<ViewName, Component>>>>({});
  /** Views whose code failed to load, with what to tell the user. */
  failed = $state.raw<Readonly<Partial<Record<ViewName, UserFacingError>>>>({});

  constructor(bundled: Readonly<Partial<Record<ViewName, Component>>>, loaders: Readonly<Partial<Record<ViewName, ViewLoader>>>) {
    this.loaded = bundled;
    this.#loaders = loaders;
  }

  /** Loads a view's code unless it is at hand; a load on its way is shared, a failed one tried again. */
  load(view: ViewName): Promise<void> {
    const loader = this.#loaders[view];
    if (loader === undefined || this.loaded[view] !== undefined) return Promise.resolve();
    this.#inFlight[view] ??= this.#fetch(view, loader).finally(() => {
      this.#inFlight[view] = undefined;
    });
    return this.#inFlight[view];
  }

  async #fetch(view: ViewName, loader: ViewLoader): Promise<void> {
    const { [view]: _cleared, ...failed } = this.failed;
    this.failed = failed;
    try {
      const module = await loader();
      this.loaded = { ...this.loaded, [view]: module.default };
    } catch {
      this.failed = { ...this.failed, [view]: loadFailure(view) };
    }
  }
}
