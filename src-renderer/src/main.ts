/**
 * Renderer entry: starts the window's state on the bridge the preload exposed, mounts the app frame,
 * and forwards uncaught errors to main's log (the renderer has no log file of its own).
 *
 * The state starts before the frame mounts: the calls the first paint waits for (settings, profiles,
 * the cached snapshot) are on their way while the frame builds its DOM and the number formatting
 * gets ready, not after.
 */
import { mount } from 'svelte';
import { BRIDGE_GLOBAL, type Bridge } from '../../src-preload/contract.ts';
import App from './App.svelte';
import { prepareFormatters } from './lib/format.ts';
import { AppState } from './state/app.svelte.ts';
import './styles/app.css';

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
void app.start();
mount(App, { target, props: { app } });
prepareFormatters();
