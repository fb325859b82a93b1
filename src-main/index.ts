/**
 * Composition root of the Electron main process: builds the plain-Node services (AppServices) and
 * hands them to the thin Electron adapters (window, bridge, tray, notifications, menu, lifecycle).
 * Everything worth testing lives in those modules; this file only connects them.
 */
import { join } from 'node:path';
import { app, shell } from 'electron';
import { alertClickHandler } from './app/alert-click.ts';
import { appMenuActions } from './app/app-menu-model.ts';
import { AppServices } from './app/app-services.ts';
import { ClosePolicy } from './app/close-policy.ts';
import { connectDesktopShell } from './app/desktop-shell.ts';
import { adoptSystemStartAtLogin } from './app/start-at-login.ts';
import { trayActionHandler } from './app/tray-actions.ts';
import { createDispatcher, isAppUrl } from './bridge/dispatcher.ts';
import { createHandlerTable } from './bridge/handlers.ts';
import { AppLifecycle, type StartedApp } from './electron/app-lifecycle.ts';
import { resourcesDir } from './electron/app-paths.ts';
import { installAppMenu } from './electron/app-menu.ts';
import { chooseKeyFile } from './electron/key-file-dialog.ts';
import { APP_ORIGIN, registerAppSchemePrivileges, serveRendererFrom } from './electron/app-protocol.ts';
import { AppWindow } from './electron/app-window.ts';
import { createAppUpdater } from './electron/app-updater.ts';
import { registerBridge, sendEvent } from './electron/ipc-bridge.ts';
import { createLoginItem, launchedHidden } from './electron/login-item.ts';
import { defaultPreloadPath } from './electron/main-window.ts';
import { Notifier } from './electron/notifier.ts';
import { followPowerEvents } from './electron/power-events.ts';
import { TrayService } from './electron/tray-service.ts';
import { hardenSession } from './electron/web-security.ts';
import { createLogger } from './log/logger.ts';
import { KeytarSecretStore } from './profiles/keytar-secret-store.ts';
import { rendererPage } from './security/renderer-page.ts';

const resources = resourcesDir();
const logger = createLogger({ filePath: join(app.getPath('userData'), 'logs', 'main.log'), console: !app.isPackaged });
const page = rendererPage({ packaged: app.isPackaged, env: process.env, appOrigin: APP_ORIGIN, warn: (message) => logger.warn(message) });
const lifecycle = new AppLifecycle(logger);

registerAppSchemePrivileges();
void lifecycle.launch(start);

async function start(): Promise<StartedApp> {
  hardenSession(logger, page.contentSecurityPolicy);
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
      chooseKeyFile: (): Promise<string | null> => chooseKeyFile(appWindow.current()),
    },
  });
  await services.start();
  adoptSystemStartAtLogin(services, loginItem.isEnabled());

  const tray = new TrayService({
    imagesDir: join(resources, 'tray'),
    onAction: trayActionHandler(services, { showWindow: (view) => appWindow.show(view), quit: () => app.quit() }),
    onWarning: (message) => logger.warn(message),
  });
  const notifier = new Notifier({
    onOpen: alertClickHandler(services, (view) => appWindow.show(view)),
    isPrivacyMode: () => services.store.settings.get().privacyMode,
    iconPath: join(resources, 'icons', '256x256.png'),
  });
  const appWindow = new AppWindow({
    preloadPath: defaultPreloadPath(import.meta.dirname),
    pageUrl: page.url,
    isAppUrl: (url) => isAppUrl(url, page.origin),
    iconPath: join(resources, 'icons', '512x512.png'),
    logger,
    appState: services.store.appState,
    closePolicy: new ClosePolicy({
      platform: process.platform,
      quitting: () => lifecycle.isQuitting(),
      trayShown: () => tray.isShown(),
      settings: services.store.settings,
      updateSettings: (changes) => services.updateSettings(changes),
      showHint: (hint) => notifier.showInfo(hint, () => appWindow.show()),
    }),
  });
  const menuActions = appMenuActions(services, (view) => appWindow.show(view));
  connectDesktopShell(
    services,
    {
      sendToWindow: (name, payload) => sendEvent(appWindow.current(), name, payload),
      drawTray: (model) => tray.update(model),
      installMenu: (state) => installAppMenu(menuActions, state),
      notify: (alert) => notifier.showAlert(alert),
    },
    { devTools: !app.isPackaged },
  );

  const dispatcher = createDispatcher({ handlers: createHandlerTable(services), appOrigin: page.origin, logger });
  registerBridge(dispatcher, () => appWindow.current());
  serveRendererFrom(join(import.meta.dirname, '../renderer'), () => dispatcher.openingForPage());
  appWindow.open(!launchedHidden(services.store.settings.get().startHidden));
  followPowerEvents(services, logger);
  logger.info('Margin Desk started', { version: app.getVersion(), platform: process.platform });
  return {
    showWindow: () => appWindow.show(),
    dispose: () => {
      tray.markQuitting();
      services.dispose();
    },
  };
}
