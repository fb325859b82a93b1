/**
 * Remembers the main window's size, position and maximized state across runs. The geometry rules
 * live in src-main/platform/window-bounds.ts; this adapter reads the displays, saves on move and
 * resize (debounced: a drag fires dozens of events) and on close, and re-maximizes.
 * Used by ./app-window.ts, which opens the window.
 */
import { screen, type BrowserWindow } from 'electron';
import { isUsableWindowState, restoreWindow, type RestoredWindow, type WindowSizing, type WindowState } from '../platform/window-bounds.ts';

/** Persistence, injected: the app-state repository in the app, a plain object in tests. */
export interface WindowStateStore {
  /** The state as stored: anything unusable (older versions, a crash) is ignored. */
  load(): unknown;
  save(state: WindowState): void;
}

/** Quiet time after the last move/resize event before the state is written. */
export const WINDOW_STATE_SAVE_DELAY_MS = 500;

/** Bounds for `createMainWindow`, from the saved state clamped to the displays connected now. */
export function restoreWindowState(store: WindowStateStore, sizing: WindowSizing): RestoredWindow {
  const saved = store.load();
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  const workAreas = [primary, ...others].map((display) => display.workArea);
  return restoreWindow(isUsableWindowState(saved) ? saved : null, workAreas, sizing);
}

/**
 * Saves the window's state as it changes and re-applies `restored.maximized`.
 * Returns a function that stops tracking (it also stops by itself when the window is destroyed).
 */
export function trackWindowState(window: BrowserWindow, store: WindowStateStore, restored: RestoredWindow, delayMs = WINDOW_STATE_SAVE_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const save = (): void => {
    cancel();
    if (window.isDestroyed()) return;
    // Normal bounds, so a maximized or full-screen window comes back to its restored size when
    // un-maximized; minimized windows report them too.
    store.save({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const saveSoon = (): void => {
    cancel();
    timer = setTimeout(save, delayMs);
  };

  window.on('move', saveSoon);
  window.on('resize', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', save);
  const stop = (): void => {
    cancel();
    window.removeListener('move', saveSoon);
    window.removeListener('resize', saveSoon);
    window.removeListener('maximize', saveSoon);
    window.removeListener('unmaximize', saveSoon);
    window.removeListener('close', save);
    window.removeListener('closed', stop);
  };
  window.on('closed', stop);

  if (restored.maximized) {
    // maximize() also shows a hidden window on Windows and Linux, which would undo "start hidden
    // in the tray": wait until the window is shown.
    if (window.isVisible()) window.maximize();
    else window.once('show', () => window.maximize());
  }
  return stop;
}
