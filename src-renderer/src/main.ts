/**
 * Renderer entry: starts the window's state on the bridge the preload exposed, mounts the app frame,
 * and forwards uncaught errors to main's log (the renderer has no log file of its own).
 *
 * First paint: the one answer it needs (settings, profiles and the cached snapshot) is already in
 * the page, written there by main (the bridge answers from it, see src-preload/embedded-opening.ts),
 * so the frame mounts with the figures in the same task as this script runs; and the page does not
 * render before this script has run (`blocking="render"`, electron.vite.config.ts). The first frame
 * shows the figures; the chrome without figures (navigation, status line) mounts once it is on screen.
 */
import { mount } from 'svelte';
import { BRIDGE_GLOBAL, type Bridge } from '../../src-preload/contract.ts';
import App from './App.svelte';
import { prepareFormatters } from './lib/format.ts';
import { AppState } from './state/app.svelte.ts';
import './styles/app.css';

/** How long the window may stay blank before it shows "Opening your cached figures…". */
const LOADING_SCREEN_AFTER_MS = 150;

const bridge = (window as unknown as Record<typeof BRIDGE_GLOBAL, Bridge>)[BRIDGE_GLOBAL];

function report(message: string, stack?: string, source?: string): void {
  void bridge.reportRendererError({ message, stack, source }).catch(() => undefined);
}

window.addEventListener('error', (event) => {
  report(event.message, event.error instanceof Error ? event.error.stack : undefined, event.filename);
});
window.addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason;
  report(reason instanceof Error ? reason.message : String(reason), reason instanceof Error ? reason.stack : undefined, 'unhandledrejection');
});

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');
// Lives as long as the window: never stopped.
const app = new AppState(bridge);
const started = app.start();
// Until the frame mounts, the empty page already wears the system's light or dark.
document.documentElement.dataset.theme = app.theme;
prepareFormatters();
// The frame mounts once the opening figures are in (at once when they came with the page), so its
// first frame already shows them. Only when main is slow to answer (the page asked over IPC) does
// the frame mount early, with its loading screen.
void Promise.race([started, new Promise((resolve) => setTimeout(resolve, LOADING_SCREEN_AFTER_MS))]).then(() => {
  mount(App, { target, props: { app } });
});
