/**
 * The window's first frame rendered to HTML, in main, from the opening it writes into the page
 * (src-main/bridge/page-with-opening.ts): the overview's figures are in the document as it parses,
 * so they paint before any script has loaded or run. Once that frame is on screen, the renderer's
 * live app takes the markup over (hydrates it: main.ts). The same components render both: this is
 * their server build, and what it writes is what the live app expects to find.
 *
 * A server render makes no call, starts no timer and runs no effect: it draws the opening, in the
 * renderer's locale and theme, and nothing else.
 */
import { render } from 'svelte/server';
import type { Bridge, RenderedOpening, RenderEnvironment, WindowOpening } from '../../src-preload/contract.ts';
import App from './App.svelte';
import { useLocale } from './lib/format.ts';
import { AppState } from './state/app.svelte.ts';

/** The state's bridge in a server render: any use of it is a bug, reported as one. */
const NO_BRIDGE = new Proxy({} as Bridge, {
  get(_target, name) {
    throw new Error(`The server render of the first frame used the bridge (${String(name)}): it draws the opening only.`);
  },
});

export function renderOpening(opening: WindowOpening, { locale, prefersDark }: RenderEnvironment): RenderedOpening {
  useLocale(locale);
  const app = new AppState(NO_BRIDGE);
  app.systemPrefersDark = prefersDark;
  app.adopt(opening);
  return { html: render(App, { props: { app } }).body, theme: app.theme };
}
