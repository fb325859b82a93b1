/**
 * One running Margin Desk per user: a second launch (dock, start menu, desktop file, a click on
 * the AppImage) brings the running window forward and hands over its command line, then exits.
 * Two instances would fight over the SQLite file and both poll the exchange with the same keys.
 *
 * Wiring (src-main/index.ts), before anything else is created:
 *   if (!claimSingleInstance({ getWindow: () => mainWindow, onSecondLaunch: (argv) => … })) return;
 */
import { app, type BrowserWindow } from 'electron';
import { isHiddenLaunch } from './login-item.ts';

export interface SingleInstanceOptions {
  /** The window to bring forward; null while it does not exist (still starting, or closed to the tray). */
  getWindow: () => BrowserWindow | null;
  /** The second launch's argv and working directory, after the window came forward. */
  onSecondLaunch?: (argv: string[], workingDirectory: string) => void;
}

/**
 * Takes the single-instance lock. Returns false in a second instance, which has already asked
 * Electron to quit: the caller must stop starting up.
 */
export function claimSingleInstance(options: SingleInstanceOptions): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    // The login item starting while the app already runs must not pop the window up.
    if (!isHiddenLaunch(argv)) bringForward(options.getWindow());
    options.onSecondLaunch?.(argv, workingDirectory);
  });
  return true;
}

function bringForward(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
