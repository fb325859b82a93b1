/**
 * Keeps the desktop around the window in step with the app: every service event goes to the window,
 * the tray is redrawn when anything it shows may have changed, the application menu is rebuilt when
 * the profiles, the desks or the settings change (it lists them and the privacy mode), and alerts the
 * engine marked for notification are shown. The Electron adapters are behind `DesktopPorts`, so
 * this runs and is tested without Electron.
 */
import type { EventName, Events } from '../../src-preload/contract.ts';
import type { AlertRecord } from '../../src-shared/alert-model.ts';
import { buildTrayModel, type TrayModel } from '../monitor/tray-model.ts';
import type { AppMenuState } from './app-menu-model.ts';
import { appMenuState } from './app-menu-model.ts';
import type { AppServices } from './app-services.ts';

export interface DesktopPorts {
  sendToWindow<K extends EventName>(name: K, payload: Events[K]): void;
  drawTray(model: TrayModel): void;
  installMenu(state: AppMenuState): void;
  /** An alert the engine marked `notified`. */
  notify(alert: AlertRecord): void;
}

export type ShellServices = Pick<AppServices, 'events' | 'alerts' | 'trayInput' | 'profiles' | 'desks' | 'store' | 'refreshAll' | 'updateSettings'>;

/** Draws the tray and the menu once, then follows the services. Returns a function that stops following. */
export function connectDesktopShell(services: ShellServices, ports: DesktopPorts, options: { readonly devTools: boolean }): () => void {
  const redrawTray = (): void => ports.drawTray(buildTrayModel(services.trayInput()));
  const rebuildMenu = (): void => ports.installMenu(appMenuState(services, options.devTools));
  const stops = [
    services.events.subscribe((name, payload) => {
      ports.sendToWindow(name, payload);
      // Alerts change the tray through the alert status, reported on its own below.
      if (name !== 'alert') redrawTray();
      if (name === 'profilesChanged' || name === 'desksChanged' || name === 'settingsChanged') rebuildMenu();
    }),
    services.alerts.onStatusChange(redrawTray),
    services.alerts.onAlert((alert) => {
      if (alert.notified) ports.notify(alert);
    }),
  ];
  redrawTray();
  rebuildMenu();
  return () => {
    for (const stop of stops) stop();
  };
}
