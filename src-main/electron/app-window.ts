/**
 * The app's window over its lifetime: opened at start (shown, or hidden in the tray), reopened when
 * the tray, a notification or a second launch asks for it after it was closed, brought forward and
 * sent to a view. Its size, place and maximized state come back from the last run
 * (./window-state.ts, which re-maximizes only once the window is shown: maximizing a hidden window
 * would show it, undoing a start hidden in the tray). Closing it asks the close policy
 * (src-main/app/close-policy.ts) whether to hide it instead.
 */
import type { BrowserWindow } from 'electron';
import type { NavigateRequest } from '../../src-preload/contract.ts';
import type { ClosePolicy } from '../app/close-policy.ts';
import type { Logger } from '../log/logger.ts';
import type { AppStateRepository } from '../store/app-state-repository.ts';
import { sendEvent } from './ipc-bridge.ts';
import { createMainWindow } from './main-window.ts';
import { restoreWindowState, trackWindowState, type WindowStateStore } from './window-state.ts';

export const WINDOW_SIZING = { width: 1280, height: 820, minWidth: 880, minHeight: 560 };

export interface AppWindowOptions {
  readonly preloadPath: string;
  readonly pageUrl: string;
  readonly isAppUrl: (url: string) => boolean;
  readonly iconPath?: string;
  readonly logger: Logger;
  readonly appState: Pick<AppStateRepository, 'getWindowState' | 'setWindowState'>;
  readonly closePolicy: Pick<ClosePolicy, 'hideOnClose'>;
}

export class AppWindow {
  readonly #options: AppWindowOptions;
  readonly #windowState: WindowStateStore;
  #window: BrowserWindow | null = null;

  constructor(options: AppWindowOptions) {
    this.#options = options;
    this.#windowState = { load: () => options.appState.getWindowState(), save: (state) => options.appState.setWindowState(state) };
  }

  /** The window while it exists (shown or hidden in the tray), null once it was closed. */
  current(): BrowserWindow | null {
    return this.#window;
  }

  /** Opens the window; `visible: false` keeps it hidden in the tray. */
  open(visible: boolean): BrowserWindow {
    const restored = restoreWindowState(this.#windowState, WINDOW_SIZING);
    const created = createMainWindow({
      preloadPath: this.#options.preloadPath,
      pageUrl: this.#options.pageUrl,
      isAppUrl: this.#options.isAppUrl,
      bounds: restored.bounds,
      show: visible,
      iconPath: this.#options.iconPath,
      logger: this.#options.logger,
    });
    trackWindowState(created, this.#windowState, restored);
    created.on('close', (event) => {
      if (!this.#options.closePolicy.hideOnClose()) return;
      event.preventDefault();
      created.hide();
    });
    created.on('closed', () => {
      if (this.#window === created) this.#window = null;
    });
    this.#window = created;
    return created;
  }

  /** Brings the window forward, opening it if it was closed, and shows `view` when given. */
  show(view?: NavigateRequest): void {
    const target = this.#window ?? this.open(true);
    if (target.isMinimized()) target.restore();
    target.show();
    target.focus();
    if (view) sendEvent(target, 'navigate', view);
  }
}
