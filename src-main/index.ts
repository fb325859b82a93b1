/**
 * Composition root of the Electron main process: builds the plain-Node services (AppServices) and
 * hands them to the thin Electron adapters (window, bridge, tray, notifications, menu, lifecycle).
 * Everything worth testing lives in those modules; this file only connects them.
 */
import { join } from 'node:path';
import { app, BrowserWindow, powerMonitor, shell, type BrowserWindow as Window } from 'electron';
import { AppServices } from './app/app-services.ts';
import { createDispatcher, isAppUrl } from './bridge/dispatcher.ts';
import { createHandlerTable } from './bridge/handlers.ts';
import { installAppMenu } from './electron/app-menu.ts';
import { APP_ORIGIN, registerAppSchemePrivileges, serveRendererFrom } from './electron/app-protocol.ts';
import { createAppUpdater } from './electron/app-updater.ts';
import { registerBridge, sendEvent } from './electron/ipc-bridge.ts';
import { createLoginItem, launchedHidden } from './electron/login-item.ts';
import { createMainWindow, defaultPreloadPath } from './electron/main-window.ts';
import { Notifier } from './electron/notifier.ts';
import { claimSingleInstance } from './electron/single-instance.ts';
import { TrayService } from './electron/tray-service.ts';
import { hardenSession } from './electron/web-security.ts';
import { restoreWindowState, trackWindowState } from './electron/window-state.ts';
import { createLogger } from './log/logger.ts';
import { CONTENT_SECURITY_POLICY, DEVELOPMENT_CONTENT_SECURITY_POLICY } from './security/content-security-policy.ts';
import { decideWindowClose, trayHint } from './monitor/tray-close-hint.ts';
import { buildTrayModel, type TrayAction } from './monitor/tray-model.ts';
import { KeytarSecretStore } from './profiles/keytar-secret-store.ts';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const pageOrigin = devServerUrl ?? APP_ORIGIN;
const resources = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'build');
const logger = createLogger({ filePath: join(app.getPath('userData'), 'logs', 'main.log'), console: !app.isPackaged });

let window: Window | null = null;
let quitting = false;

registerAppSchemePrivileges();
// Windows shows notifications only for an app with a user model id matching its shortcut.
if (process.platform === 'win32') app.setAppUserModelId('com.margindesk.app');
if (claimSingleInstance({ getWindow: () => window })) {
  app.on('before-quit', () => {
    quitting = true;
  });
  app.whenReady().then(start, (error: unknown) => {
    logger.error('Margin Desk failed to start', error);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  hardenSession(logger, devServerUrl ? DEVELOPMENT_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
  const loginItem = createLoginItem();
  const services = new AppServices({
    dataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    platform: process.platform,
    secrets: new KeytarSecretStore(),
    logger,
    // Only an installed build has a feed to read (app-update.yml beside it).
    updater: app.isPackaged ? createAppUpdater(logger.child('updater')) : undefined,
    hooks: {
      showLogFile: (path) => shell.showItemInFolder(path),
      openExternal: (url) => void shell.openExternal(url),
      setStartAtLogin: (enabled, hidden) => loginItem.apply({ openAtLogin: enabled, openHidden: hidden }),
    },
  });
  await services.start();

  const show = (view?: Parameters<typeof sendEvent<'navigate'>>[2]) => {
    const target = window ?? openWindow(true);
    if (target.isMinimized()) target.restore();
    target.show();
    target.focus();
    if (view) sendEvent(target, 'navigate', view);
  };

  const onTrayAction = (action: TrayAction): void => {
    switch (action.kind) {
      case 'switchProfile':
        services.activate(action.profileId);
        return show({ view: 'overview', profileId: action.profileId });
      case 'refreshNow':
        return void services.refreshAll();
      case 'snooze':
        for (const profileId of action.profileIds) services.snooze(profileId, action.minutes);
        return;
      case 'setPrivacyMode':
        return void services.updateSettings({ privacyMode: action.enabled });
      case 'openWindow':
        return show();
      case 'installUpdate':
        return void services.updates?.installNow();
      case 'quit':
        return app.quit();
    }
  };
  const tray = new TrayService({ imagesDir: join(resources, 'tray'), onAction: onTrayAction, onWarning: (message) => logger.warn(message) });
  const notifier = new Notifier({
    onOpen: (target) => {
      services.activate(target.profileId);
      show({ view: 'overview', profileId: target.profileId, accountKey: target.accountKey ?? undefined });
    },
    isPrivacyMode: () => services.store.settings.get().privacyMode,
    iconPath: join(resources, 'icons', '256x256.png'),
  });

  const refreshTray = (): void => tray.update(buildTrayModel(services.trayInput()));
  // The menu lists profiles and the privacy state: rebuilt only when those change.
  const refreshMenu = (): void => {
    const list = services.profiles.list();
    installAppMenu(
      {
        refresh: () => void services.refreshAll(),
        switchProfile: (profileId) => show({ view: 'overview', profileId }),
        togglePrivacyMode: () => void services.updateSettings({ privacyMode: !services.store.settings.get().privacyMode }),
        openSettings: () => show({ view: 'settings' }),
      },
      {
        profiles: list.profiles.map(({ id, name }) => ({ id, name })),
        activeProfileId: list.activeProfileId,
        privacyMode: services.store.settings.get().privacyMode,
        devTools: !app.isPackaged,
      },
    );
  };
  services.events.subscribe((name, payload) => {
    sendEvent(window, name, payload);
    if (name !== 'alert') refreshTray();
    if (name === 'profilesChanged' || name === 'settingsChanged') refreshMenu();
  });
  services.alerts.onStatusChange(refreshTray);
  services.alerts.onAlert((alert) => {
    if (alert.notified) notifier.showAlert(alert);
  });
  refreshTray();
  refreshMenu();

  const dispatcher = createDispatcher({ handlers: createHandlerTable(services), appOrigin: pageOrigin, logger });
  registerBridge(dispatcher, () => window);
  serveRendererFrom(join(import.meta.dirname, '../renderer'), () => dispatcher.openingForPage());

  function openWindow(visible: boolean): Window {
    const windowState = {
      load: () => {
        const saved = services.store.appState.getWindowState();
        return saved && saved.x !== null && saved.y !== null ? { ...saved, x: saved.x, y: saved.y } : null;
      },
      save: (state: { x: number; y: number; width: number; height: number; maximized: boolean }) => services.store.appState.setWindowState(state),
    };
    const restored = restoreWindowState(windowState, { width: 1280, height: 820, minWidth: 880, minHeight: 560 });
    const created = createMainWindow({
      preloadPath: defaultPreloadPath(import.meta.dirname),
      pageUrl: devServerUrl ?? `${APP_ORIGIN}index.html`,
      isAppUrl: (url) => isAppUrl(url, pageOrigin),
      bounds: restored.bounds,
      show: visible,
      iconPath: join(resources, 'icons', '512x512.png'),
      logger,
    });
    if (restored.maximized) created.maximize();
    trackWindowState(created, windowState, restored);
    created.on('close', (event) => {
      const settings = services.store.settings.get();
      const decision = decideWindowClose({ quitting, trayShown: tray.isShown(), platform: process.platform, trayHintShown: settings.trayHintShown });
      if (!decision.keepRunning) return;
      event.preventDefault();
      created.hide();
      if (decision.showHint) {
        notifier.showInfo(trayHint(process.platform), () => show());
        services.updateSettings({ trayHintShown: true });
      }
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
    return created;
  }

  const settings = services.store.settings.get();
  openWindow(!launchedHidden(settings.startHidden));

  powerMonitor.on('suspend', () => services.scheduler.pause());
  powerMonitor.on('lock-screen', () => logger.info('Screen locked'));
  const wake = (): void => {
    services.alerts.resumed();
    services.scheduler.resume();
  };
  powerMonitor.on('resume', wake);
  powerMonitor.on('unlock-screen', () => {
    // A keyring that was locked with the session may be open now.
    void services.profiles.checkKeychain().finally(wake);
  });
  app.on('activate', () => show());
  app.on('window-all-closed', () => {
    // Keep running in the tray: watching margin is the point of the app.
  });
  app.on('will-quit', () => {
    tray.markQuitting();
    services.dispose();
  });
  logger.info('Margin Desk started', { version: app.getVersion(), platform: process.platform, windows: BrowserWindow.getAllWindows().length });
}
