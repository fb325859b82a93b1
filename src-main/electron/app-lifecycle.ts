/**
 * The main process's life: one instance per user, start once Electron is ready, keep running in the
 * tray when every window is closed, stop the app's work at quit, and fail visibly.
 *
 * A start-up that fails (a read-only data folder, a full disk, a database written by a newer
 * version, a folder where the database file should be, …) must not leave a process behind with no
 * window, no tray and no log line, holding the single-instance lock so that every later launch
 * quietly exits too. It is logged, shown in a dialog with its message and what to do, and the app
 * quits, releasing the lock.
 */
import { app, dialog } from 'electron';
import { toUserFacing } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { claimSingleInstance } from './single-instance.ts';

/** What a started app offers the lifecycle. */
export interface StartedApp {
  /** Brings the window forward, opening it when it was closed (a second launch, a dock click). */
  showWindow(): void;
  /** Stops the app's work before the process exits. */
  dispose(): void;
}

export const START_FAILURE_TITLE = 'Margin Desk could not start';

/** electron-builder's appId, which the Windows installer gives the Start menu shortcut. */
export const APP_USER_MODEL_ID = 'com.margindesk.app';

export class AppLifecycle {
  readonly #logger: Logger;
  #quitting = false;
  #started: StartedApp | null = null;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** The user chose Quit (tray, menu, Cmd+Q) or the system is shutting down. */
  isQuitting(): boolean {
    return this.#quitting;
  }

  /**
   * Takes the single-instance lock (a second instance hands over to the first and stops here), then
   * starts the app once Electron is ready. Resolves when the app has started or failed to.
   */
  async launch(start: () => Promise<StartedApp>, platform: NodeJS.Platform = process.platform): Promise<void> {
    // Windows shows notifications only for an app with a user model id matching its shortcut.
    if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
    if (!claimSingleInstance({ onSecondLaunch: () => this.#started?.showWindow() })) return;
    app.on('before-quit', () => {
      this.#quitting = true;
    });
    app.on('window-all-closed', () => {
      // Keep running in the tray: watching margin is the point of the app.
    });
    app.on('activate', () => this.#started?.showWindow());
    app.on('will-quit', () => this.#started?.dispose());
    try {
      await app.whenReady();
      this.#started = await start();
    } catch (error) {
      this.#failStart(error);
    }
  }

  #failStart(error: unknown): void {
    const shown = toUserFacing(error);
    this.#logger.error(START_FAILURE_TITLE, { kind: shown.kind, error });
    // The log file may be what failed (a read-only or full disk): the reason goes to stderr as well.
    console.error(`${START_FAILURE_TITLE}: ${shown.message}`);
    dialog.showErrorBox(START_FAILURE_TITLE, `${shown.message}\n\n${shown.action}`);
    app.releaseSingleInstanceLock();
    // exit, not quit: nothing started that a quit would have to stop, and no window may hold the app open.
    app.exit(1);
  }
}
