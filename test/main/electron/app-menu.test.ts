import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import type { AppMenuActions, AppMenuState } from '../../../src-main/app/app-menu-model.ts';
import { installAppMenu } from '../../../src-main/electron/app-menu.ts';
import { FakeMenu, fake, type FakeMenuItem } from '../../support/fake-electron.ts';

const STATE: AppMenuState = {
  profiles: Array.from({ length: 10 }, (_, i) => ({ id: `p${i + 1}`, name: `Desk ${i + 1}` })),
  activeProfileId: 'p2',
  desks: [],
  activeDeskId: null,
  privacyMode: false,
  devTools: false,
};

function recordingActions() {
  const calls: string[] = [];
  const actions: AppMenuActions = {
    refresh: () => calls.push('refresh'),
    switchProfile: (id) => calls.push(`switch:${id}`),
    switchDesk: (id) => calls.push(`desk:${id}`),
    togglePrivacyMode: () => calls.push('privacy'),
    openSettings: () => calls.push('settings'),
  };
  return { calls, actions };
}

function menu(): FakeMenu {
  const installed = FakeMenu.applicationMenu;
  if (!installed) throw new Error('no application menu installed');
  return installed;
}

function roles(items: FakeMenuItem[] = menu().items): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(Array.isArray(item.submenu) ? item.submenu : (item.submenu?.items ?? []))]);
}

function topLevel(label: string): FakeMenuItem[] {
  const item = menu().items.find((candidate) => candidate.label === label);
  return (item?.submenu as FakeMenuItem[] | undefined) ?? [];
}

beforeEach(() => fake.reset());

describe('application menu', () => {
  it("dispatches the app's actions from their items and accelerators", () => {
    const { calls, actions } = recordingActions();
    installAppMenu(actions, STATE, 'linux');
    const expectations: [string, string, string][] = [
      ['Refresh', 'CmdOrCtrl+R', 'refresh'],
      ['Privacy Mode', 'CmdOrCtrl+Shift+P', 'privacy'],
      ['Settings', 'CmdOrCtrl+,', 'settings'],
      ['Desk 1', 'CmdOrCtrl+1', 'switch:p1'],
      ['Desk 9', 'CmdOrCtrl+9', 'switch:p9'],
    ];
    for (const [label, accelerator, call] of expectations) {
      const item = menu().find(label);
      expect(item?.accelerator, label).toBe(accelerator);
      item?.click?.();
      expect(calls.at(-1)).toBe(call);
    }
  });

  it('lists every profile, checks the active one, and gives shortcuts to the first nine only', () => {
    installAppMenu(recordingActions().actions, STATE, 'linux');
    const profiles = topLevel('Profile');
    expect(profiles.map((item) => item.label)).toEqual(STATE.profiles.map((profile) => profile.name));
    expect(profiles.filter((item) => item.checked).map((item) => item.label)).toEqual(['Desk 2']);
    expect(menu().find('Desk 10')?.accelerator).toBeUndefined();
  });

  it('lists desks first as the switcher does, their members reached through them; a member opened alone follows its desk', () => {
    const { calls, actions } = recordingActions();
    const state: AppMenuState = {
      ...STATE,
      profiles: STATE.profiles.slice(0, 4),
      activeProfileId: null,
      desks: [{ id: 'd1', name: 'Team', memberIds: ['p1', 'p2'] }],
      activeDeskId: 'd1',
    };
    installAppMenu(actions, state, 'linux');
    const items = topLevel('Profile');
    expect(items.map((item) => [item.label ?? item.type, item.accelerator])).toEqual([
      ['Team (desk)', 'CmdOrCtrl+1'],
      ['separator', undefined],
      ['Desk 3', 'CmdOrCtrl+2'],
      ['Desk 4', 'CmdOrCtrl+3'],
    ]);
    const desk = menu().find('Team (desk)');
    expect(desk).toMatchObject({ type: 'radio', checked: true });
    desk?.click?.();
    expect(calls).toEqual(['desk:d1']);
    expect(items.filter((item) => item.checked).map((item) => item.label)).toEqual(['Team (desk)']);

    installAppMenu(actions, { ...state, activeProfileId: 'p2', activeDeskId: null }, 'linux');
    expect(topLevel('Profile').map((item) => [item.label ?? item.type, item.checked, item.accelerator])).toEqual([
      ['Team (desk)', false, 'CmdOrCtrl+1'],
      ['Desk 2', true, undefined],
      ['separator', undefined, undefined],
      ['Desk 3', false, 'CmdOrCtrl+2'],
      ['Desk 4', false, 'CmdOrCtrl+3'],
    ]);
  });

  it('shows the privacy mode as a check mark that follows the state', () => {
    const { actions } = recordingActions();
    installAppMenu(actions, STATE, 'linux');
    expect(menu().find('Privacy Mode')).toMatchObject({ type: 'checkbox', checked: false });
    installAppMenu(actions, { ...STATE, privacyMode: true }, 'linux');
    expect(menu().find('Privacy Mode')?.checked).toBe(true);
  });

  it('says so when there are no profiles yet', () => {
    installAppMenu(recordingActions().actions, { ...STATE, profiles: [], activeProfileId: null }, 'win32');
    expect(topLevel('Profile')).toEqual([{ label: 'No profiles yet', enabled: false }]);
  });

  it("has macOS's standard app menu with Settings in it, and Edit, View, Window and Help", () => {
    installAppMenu(recordingActions().actions, STATE, 'darwin');
    const [appMenu] = menu().items;
    expect(appMenu?.label).toBe('Margin Desk');
    expect(roles([appMenu!])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(menu().find('Settings…')?.accelerator).toBe('CmdOrCtrl+,');
    expect(roles()).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'help', 'togglefullscreen', 'zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('has File, Edit, View, Window and Help on Windows and Linux, and no page reload on CmdOrCtrl+R', () => {
    installAppMenu(recordingActions().actions, STATE, 'win32');
    expect(menu().items.map((item) => item.label ?? item.role)).toEqual(['File', 'editMenu', 'View', 'Profile', 'windowMenu', 'help']);
    expect(roles()).toEqual(expect.arrayContaining(['quit', 'about']));
    expect(roles()).not.toContain('reload');
    expect(roles()).not.toContain('forceReload');
  });

  it('offers the developer tools only when asked to', () => {
    installAppMenu(recordingActions().actions, STATE, 'linux');
    expect(roles()).not.toContain('toggleDevTools');
    installAppMenu(recordingActions().actions, { ...STATE, devTools: true }, 'linux');
    expect(roles()).toContain('toggleDevTools');
  });
});
