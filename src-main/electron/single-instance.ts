/**
 * One running Margin Desk per user: a second launch (dock, start menu, desktop file, a click on
 * the AppImage) brings the running window forward, then exits. Two instances would fight over the
 * SQLite file and both poll the exchange with the same keys.
 */
import { app } from 'electron';
import { isHiddenLaunch } from './login-item.ts';

export interface SingleInstanceOptions {
  /**
   * Someone launched the app again: bring the window forward, opening it if it was closed. Not
   * called for the login item starting while the app already runs, which must not pop the window up.
   */
  readonly onSecondLaunch: () => void;
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
  app.on('second-instance', (_event, argv) => {
    if (!isHiddenLaunch(argv)) options.onSecondLaunch();
  });
  return true;
}
