/**
 * The app's one window, with the security baseline in its web preferences: context isolation,
 * sandboxed preload, no Node in the renderer, web security on, no webviews, no remote content, and
 * no DevTools in a packaged app.
 */
import { join } from 'node:path';
import { app, BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../log/logger.ts';
import { hardenWebContents } from './web-security.ts';

export interface MainWindowOptions {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  readonly preloadPath: string;
  /** Page to load: `app://margin-desk/index.html`, or the dev server's URL in development. */
  readonly pageUrl: string;
  readonly isAppUrl: (url: string) => boolean;
  readonly bounds?: { x?: number; y?: number; width: number; height: number };
  /** Start hidden in the tray (login start with "start hidden"). */
  readonly show: boolean;
  readonly iconPath?: string;
  readonly logger: Logger;
}

export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // A development tool: in a packaged app it would hand anyone at the keyboard a console inside
    // the page, with the whole bridge.
    devTools: !app.isPackaged,
  };
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: options.bounds?.width ?? 1280,
    height: options.bounds?.height ?? 820,
    x: options.bounds?.x,
    y: options.bounds?.y,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Margin Desk',
    backgroundColor: '#0f1419',
    icon: options.iconPath,
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  hardenWebContents(window.webContents, options.isAppUrl, options.logger);
  // Shown once painted, to avoid a white flash; stays hidden when started into the tray.
  window.once('ready-to-show', () => {
    if (options.show) window.show();
  });
  void window.loadURL(options.pageUrl);
  return window;
}

export function defaultPreloadPath(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs');
}
