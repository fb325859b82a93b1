/**
 * The application menu: the platform's standard menus (macOS app menu, Edit, View, Window, Help)
 * so copy/paste, zoom, full screen and window switching work with their usual shortcuts, plus the
 * app's own actions with accelerators:
 *   Refresh          CmdOrCtrl+R        (replaces the page-reload role, which would lose the UI state)
 *   Desk or profile  CmdOrCtrl+1…9      (the switcher's order: desks, then profiles in no desk)
 *   Privacy Mode     CmdOrCtrl+Shift+P
 *   Settings…        CmdOrCtrl+,
 * The menu only dispatches to injected callbacks (src-main/app/app-menu-model.ts); installAppMenu
 * runs again when the profiles or the privacy mode change (src-main/app/desktop-shell.ts), to
 * update names and check marks.
 */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppMenuActions, AppMenuState } from '../app/app-menu-model.ts';
import { looseProfilesStart, switchOrder } from '../../src-shared/switch-order.ts';

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

  const entries = switchOrder(state);
  const looseStart = looseProfilesStart(entries);
  const entryItems = entries.flatMap((entry, index): MenuItemConstructorOptions[] => [
    ...(index === looseStart ? [separator] : []),
    {
      label: entry.kind === 'desk' ? `${entry.desk.name} (desk)` : entry.profile.name,
      type: 'radio',
      checked: entry.kind === 'desk' ? entry.desk.id === state.activeDeskId : entry.profile.id === state.activeProfileId,
      accelerator: entry.shortcut === null ? undefined : `CmdOrCtrl+${entry.shortcut}`,
      click: () => (entry.kind === 'desk' ? actions.switchDesk(entry.desk.id) : actions.switchProfile(entry.profile.id)),
    },
  ]);
  const profileMenu: MenuItemConstructorOptions = {
    label: 'Profile',
    submenu: entryItems.length === 0 ? [{ label: 'No profiles yet', enabled: false }] : entryItems,
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
