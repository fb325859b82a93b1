import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/fake-electron.ts')).fakeElectronModule());

import { TrayService, trayImagePath } from '../../../src-main/electron/tray-service.ts';
import type { TrayAction, TrayIconState, TrayModel } from '../../../src-main/monitor/tray-model.ts';
import { buildTrayModel } from '../../../src-main/monitor/tray-model.ts';
import { FakeTray, fake } from '../../support/fake-electron.ts';
import { flexAt, reportOf } from '../monitor/health-fixtures.ts';

const IMAGES = fileURLToPath(new URL('../../../build/tray', import.meta.url));

function model(pct: string, name = 'Main'): TrayModel {
  return buildTrayModel({
    profiles: [{ id: 'main', name, connection: 'live', health: reportOf(flexAt(pct)), monitoringInterrupted: false, alertLevel: null, snoozedUntil: null }],
    activeProfileId: 'main',
    privacyMode: false,
  });
}

function start(platform: NodeJS.Platform = 'linux') {
  const actions: TrayAction[] = [];
  const service = new TrayService({ imagesDir: IMAGES, platform, onAction: (action) => actions.push(action) });
  return { service, actions, tray: () => FakeTray.all[0]! };
}

// fake.reset() leaves the displays alone, so the high-DPI test puts them back itself.
const displays = fake.displays;
beforeEach(() => {
  fake.reset();
  fake.displays = displays;
});

describe('TrayService', () => {
  it('creates the icon on first update with the light-tray image, tooltip and menu (Linux)', () => {
    const { service, tray } = start('linux');
    expect(FakeTray.all).toHaveLength(0);
    service.update(model('280'));
    expect(service.isShown()).toBe(true);
    expect(tray().image.path).toBe(join(IMAGES, 'tray-warn-light.png'));
    expect(tray().image.isTemplateImage()).toBe(false);
    expect(tray().tooltip).toBe('Margin Desk - [Main] Flex 280 % warning');
    expect(tray().menu!.labels()).toEqual(expect.arrayContaining(['Main — Flex 280 % warning', 'Open Margin Desk', 'Refresh now', 'Snooze alerts', 'Privacy mode', 'Quit Margin Desk']));
  });

  it('follows the theme: dark-tray images when the system is dark, switching when it changes', () => {
    const { service, tray } = start('win32');
    fake.nativeTheme.shouldUseDarkColors = true;
    service.update(model('140'));
    expect(tray().image.path).toBe(join(IMAGES, 'tray-critical-dark.png'));
    fake.nativeTheme.shouldUseDarkColors = false;
    fake.nativeTheme.emit('updated');
    expect(tray().images.map((image) => image.path)).toEqual([join(IMAGES, 'tray-critical-dark.png'), join(IMAGES, 'tray-critical-light.png')]);
  });

  it('uses template images on macOS (the menu bar tints them)', () => {
    const { service, tray } = start('darwin');
    service.update(model('900'));
    expect(tray().image.path).toBe(join(IMAGES, 'trayTemplate-ok.png'));
    expect(tray().image.isTemplateImage()).toBe(true);
  });

  it('picks the @2x file itself on a high-DPI Linux display (Linux trays ignore scale factors)', () => {
    fake.displays = [{ ...fake.displays[0]!, scaleFactor: 2 } as (typeof fake.displays)[number]];
    const { service, tray } = start('linux');
    service.update(model('900'));
    expect(tray().image.path).toBe(join(IMAGES, 'tray-ok-light@2x.png'));
  });

  it('touches the tray only when the model or image changed', () => {
    const { service, tray } = start();
    service.update(model('280'));
    const firstMenu = tray().menu;
    service.update(model('280'));
    expect(tray().menu).toBe(firstMenu);
    expect(tray().images).toHaveLength(1);

    service.update(model('281'));
    expect(tray().menu).not.toBe(firstMenu);
    expect(tray().images).toHaveLength(1); // still "warn": same image

    service.update(model('140'));
    expect(tray().images.map((image) => image.path.split('/').at(-1))).toEqual(['tray-warn-light.png', 'tray-critical-light.png']);
    expect(FakeTray.all).toHaveLength(1);
  });

  it('every menu item reports its action; a click on the icon (where it arrives) opens the window', () => {
    const { service, tray, actions } = start();
    service.update(model('280'));
    const menu = tray().menu!;
    for (const label of ['Main — Flex 280 % warning', 'Open Margin Desk', 'Refresh now', 'For 1 hour', 'Privacy mode', 'Quit Margin Desk']) menu.find(label)!.click!();
    tray().fire('click');
    expect(actions).toEqual([
      { kind: 'switchProfile', profileId: 'main' },
      { kind: 'openWindow' },
      { kind: 'refreshNow' },
      { kind: 'snooze', profileIds: ['main'], minutes: 60 },
      { kind: 'setPrivacyMode', enabled: true },
      { kind: 'quit' },
      { kind: 'openWindow' },
    ]);
    expect(menu.find('Liquidation alerts always show')).toMatchObject({ enabled: false });
    expect(menu.find('Main — Flex 280 % warning')).toMatchObject({ type: 'radio', checked: true });
  });

  it("keeps a '&' in a profile name visible (Electron would take it for an access key)", () => {
    const { service, tray } = start();
    service.update(model('900', 'Me & Co'));
    expect(tray().menu!.labels()[0]).toBe('Me && Co — Flex 900 %');
  });

  it('draws nothing after the app started quitting', () => {
    const { service } = start();
    service.markQuitting();
    service.update(model('140'));
    expect(FakeTray.all).toHaveLength(0);
    expect(service.isShown()).toBe(false);
  });

  it('the image files it asks for exist in build/tray for every state, theme and platform', () => {
    const states: TrayIconState[] = ['ok', 'warn', 'critical', 'stale', 'offline'];
    const paths = states.flatMap((state) => [
      trayImagePath(IMAGES, state, 'darwin', false, false),
      trayImagePath(IMAGES, state, 'darwin', false, false).replace('.png', '@2x.png'),
      ...[false, true].flatMap((dark) => [trayImagePath(IMAGES, state, 'win32', dark, false), trayImagePath(IMAGES, state, 'linux', dark, true)]),
    ]);
    expect(paths.filter((path) => !existsSync(path))).toEqual([]);
  });
});
