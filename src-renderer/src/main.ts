/**
 * Renderer entry: starts the window's state on the bridge the preload exposed, mounts the app frame,
 * and forwards uncaught errors to main's log (the renderer has no log file of its own).
 *
 * One start path. The state asks for the window's opening (settings, profiles, the cached figures)
 * in one call; main wrote that answer into the page it serves (src-main/bridge/page-with-opening.ts),
 * so in the app it is there at once and the frame mounts with the cached figures in the same task
 * as this script runs (the build makes this script render-blocking, electron.vite.config.ts: no
 * empty frame paints before it). Where the answer must come over IPC (the dev server's page) and is
 * slow, the frame mounts with its loading screen and shows the figures as soon as they arrive.
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

void Promise.race([started, new Promise((resolve) => setTimeout(resolve, LOADING_SCREEN_AFTER_MS))]).then(() => {
  mount(App, { target, props: { app } });
});
