/**
 * What the application menu offers and shows, as plain data and callbacks: the Electron adapter
 * (src-main/electron/app-menu.ts) builds the platform's menu from it. The state lists profiles and
 * the privacy mode, so it is rebuilt when those change (./desktop-shell.ts).
 */
import type { NavigateRequest } from '../../src-preload/contract.ts';
import type { AppServices } from './app-services.ts';

export interface AppMenuActions {
  refresh(): void;
  switchProfile(profileId: string): void;
  switchDesk(deskId: string): void;
  togglePrivacyMode(): void;
  openSettings(): void;
}

export interface AppMenuProfile {
  id: string;
  name: string;
}

export interface AppMenuDesk extends AppMenuProfile {
  memberIds: readonly string[];
}

export interface AppMenuState {
  /** In the order the app lists them; the menu orders them with the desks as the switcher does (src-shared/switch-order.ts). */
  profiles: readonly AppMenuProfile[];
  /** The profile shown; null while a desk is shown. */
  activeProfileId: string | null;
  /** In creation order; listed first, their members reached through them. */
  desks: readonly AppMenuDesk[];
  activeDeskId: string | null;
  privacyMode: boolean;
  /** Offer the developer tools (development builds). */
  devTools: boolean;
}

export type MenuServices = Pick<AppServices, 'refreshAll' | 'updateSettings' | 'profiles' | 'desks' | 'store'>;

export function appMenuActions(services: MenuServices, showWindow: (view: NavigateRequest) => void): AppMenuActions {
  return {
    refresh: () => void services.refreshAll(),
    // The renderer switches profile on a navigate request that names one.
    switchProfile: (profileId) => showWindow({ view: 'overview', profileId }),
    switchDesk: (deskId) => showWindow({ view: 'overview', deskId }),
    togglePrivacyMode: () => void services.updateSettings({ privacyMode: !services.store.settings.get().privacyMode }),
    openSettings: () => showWindow({ view: 'settings' }),
  };
}

export function appMenuState(services: MenuServices, devTools: boolean): AppMenuState {
  const list = services.profiles.list();
  const desks = services.desks.list();
  return {
    profiles: list.profiles.map(({ id, name }) => ({ id, name })),
    activeProfileId: desks.activeDeskId === null ? list.activeProfileId : null,
    desks: desks.desks.map(({ id, name, memberIds }) => ({ id, name, memberIds })),
    activeDeskId: desks.activeDeskId,
    privacyMode: services.store.settings.get().privacyMode,
    devTools,
  };
}
