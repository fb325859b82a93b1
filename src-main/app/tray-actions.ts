/**
 * What each tray menu item does (src-main/monitor/tray-model.ts names them as data). The tray
 * adapter only reports which item was used; this runs it against the app's services and the window.
 */
import type { NavigateRequest } from '../../src-preload/contract.ts';
import type { TrayAction } from '../monitor/tray-model.ts';
import type { Settings } from '../../src-shared/settings-model.ts';

/** The parts of AppServices the tray reaches. */
export interface TrayActionServices {
  activate(profileId: string): unknown;
  activateDesk(deskId: string): unknown;
  refreshAll(): Promise<void>;
  snooze(profileId: string, minutes: number): unknown;
  updateSettings(changes: Partial<Settings>): unknown;
  /** Null where the app cannot update itself (development, tests). */
  readonly updates: { installNow(): unknown } | null;
}

export interface TrayActionTargets {
  /** Brings the window forward (opening it when there is none), on `view` when given. */
  showWindow(view?: NavigateRequest): void;
  quit(): void;
}

export function trayActionHandler(services: TrayActionServices, targets: TrayActionTargets): (action: TrayAction) => void {
  return (action) => {
    switch (action.kind) {
      case 'switchProfile':
        services.activate(action.profileId);
        return targets.showWindow({ view: 'overview', profileId: action.profileId });
      case 'switchDesk':
        services.activateDesk(action.deskId);
        return targets.showWindow({ view: 'overview', deskId: action.deskId });
      case 'refreshNow':
        return void services.refreshAll();
      case 'snooze':
        for (const profileId of action.profileIds) services.snooze(profileId, action.minutes);
        return;
      case 'setPrivacyMode':
        return void services.updateSettings({ privacyMode: action.enabled });
      case 'openWindow':
        return targets.showWindow();
      case 'installUpdate':
        return void services.updates?.installNow();
      case 'quit':
        return targets.quit();
    }
  };
}
