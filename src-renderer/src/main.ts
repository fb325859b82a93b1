/**
 * Renderer entry: starts the window's state on the bridge the preload exposed, mounts the app frame,
 * and forwards uncaught errors to main's log (the renderer has no log file of its own).
 *
 * First paint: main serves the page with the window's opening in it (the bridge answers from it, see
 * src-preload/embedded-opening.ts) and, drawn from that opening, the first frame's markup
 * (src-main/bridge/page-with-opening.ts): the figures paint as the document parses, before this
 * script has done anything. Once that frame is on screen, the live app takes the drawing over
 * (Svelte hydration: the drawn elements become the live app's, nothing is built or painted twice;
 * were the drawing not what the app expects, Svelte builds the app afresh in its place). A page
 * without the markup (the dev server's, or one whose render failed) renders nothing before this
 * script has run (`blocking="render"`, electron.vite.config.ts), and the frame mounts with the
 * figures in the same task; the chrome without figures (navigation, status line) mounts once the
 * first frame is on screen.
 */
import { hydrate, mount } from 'svelte';
import { BRIDGE_GLOBAL, SERVER_RENDERED_ATTRIBUTE, type Bridge } from '../../src-preload/contract.ts';
import App from './App.svelte';
import { afterFirstPaint } from './lib/after-first-paint.ts';
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

const appElement = document.getElementById('app');
if (appElement === null) throw new Error('index.html has no #app element');
const target: HTMLElement = appElement;
const firstFrameInPage = target.hasAttribute(SERVER_RENDERED_ATTRIBUTE);
// Lives as long as the window: never stopped.
const app = new AppState(bridge);
const started = app.start();
if (!firstFrameInPage) {
  // Until the frame mounts, the empty page already wears the system's light or dark (a drawn first
  // frame came with its theme).
  document.documentElement.dataset.theme = app.theme;
  prepareFormatters();
}

function mountApp(): void {
  mount(App, { target, props: { app } });
}

/** Makes main's drawing of the first frame (inert markup) the live app's own elements. */
function takeOverFirstFrame(): void {
  hydrate(App, { target, props: { app } });
  target.removeAttribute(SERVER_RENDERED_ATTRIBUTE);
  target.inert = false;
}

if (firstFrameInPage) {
  // The drawing already shows the figures: the live app takes it over once it has them too (never
  // with a loading screen), and once the drawing is on screen (hydrating sooner would hold that
  // frame back).
  void started.then(() => afterFirstPaint(takeOverFirstFrame));
} else {
  // The frame mounts once the opening figures are in (at once when they came with the page), so its
  // first frame already shows them. Only when main is slow to answer (the page asked over IPC) does
  // the frame mount early, with its loading screen.
  void Promise.race([started, new Promise((resolve) => setTimeout(resolve, LOADING_SCREEN_AFTER_MS))]).then(mountApp);
}
