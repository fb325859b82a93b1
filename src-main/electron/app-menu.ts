/**
 * The application menu: the platform's standard menus (macOS app menu, Edit, View, Window, Help)
 * so copy/paste, zoom, full screen and window switching work with their usual shortcuts, plus the
 * app's own actions with accelerators:
 *   Refresh          CmdOrCtrl+R        (replaces the page-reload role, which would lose the UI state)
 *   Profile 1…9      CmdOrCtrl+1…9
 *   Privacy Mode     CmdOrCtrl+Shift+P
 *   Settings…        CmdOrCtrl+,
 * The menu only dispatches to injected callbacks (src-main/app/app-menu-model.ts); installAppMenu
 * runs again when the profiles or the privacy mode change (src-main/app/desktop-shell.ts), to
 * update names and check marks.
 */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppMenuActions, AppMenuState } from '../app/app-menu-model.ts';

export const PROFILE_SHORTCUT_COUNT = 9;

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function appMenuTemplate(actions: AppMenuActions, state: AppMenuState, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const settings: MenuItemConstructorOptions = { label: mac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', click: () => actions.openSettings() };

  // What role 'appMenu' contains, spelled out so Settings can sit where macOS users look for it.
  const appMenu: MenuItemConstructorOptions = {
    label: app.getName(),
    submenu: [{ role: 'about' }, separator, settings, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };
  const fileMenu: MenuItemConstructorOptions = { label: 'File', submenu: [settings, separator, { role: 'quit' }] };

  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { label: 'Refresh', accelerator: 'CmdOrCtrl+R', click: () => actions.refresh() },
      { label: 'Privacy Mode', type: 'checkbox', checked: state.privacyMode, accelerator: 'CmdOrCtrl+Shift+P', click: () => actions.togglePrivacyMode() },
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(state.devTools ? [separator, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  // Desks continue the profiles' shortcuts, as in the window's switcher.
  const shortcut = (index: number) => (index < PROFILE_SHORTCUT_COUNT ? `CmdOrCtrl+${index + 1}` : undefined);
  const deskItems: MenuItemConstructorOptions[] = state.desks.map((desk, index) => ({
    label: `${desk.name} (desk)`,
    type: 'radio' as const,
    checked: desk.id === state.activeDeskId,
    accelerator: shortcut(state.profiles.length + index),
    click: () => actions.switchDesk(desk.id),
  }));
  const profileMenu: MenuItemConstructorOptions = {
    label: 'Profile',
    submenu:
      state.profiles.length === 0
        ? [{ label: 'No profiles yet', enabled: false }]
        : [
            ...state.profiles.map((profile, index) => ({
              label: profile.name,
              type: 'radio' as const,
              checked: profile.id === state.activeProfileId,
              accelerator: shortcut(index),
              click: () => actions.switchProfile(profile.id),
            })),
            ...(deskItems.length === 0 ? [] : [separator, ...deskItems]),
          ],
  };

  // macOS fills an empty Help menu with its search field; elsewhere About lives here.
  const helpMenu: MenuItemConstructorOptions = { role: 'help', submenu: mac ? [] : [{ role: 'about' }] };

  return [mac ? appMenu : fileMenu, { role: 'editMenu' }, viewMenu, profileMenu, { role: 'windowMenu' }, helpMenu];
}

export function installAppMenu(actions: AppMenuActions, state: AppMenuState, platform: NodeJS.Platform = process.platform): Menu {
  const menu = Menu.buildFromTemplate(appMenuTemplate(actions, state, platform));
  Menu.setApplicationMenu(menu);
  return menu;
}
