/**
 * The desktop kept in step with the real services: events reach the window, the tray is redrawn,
 * the application menu is rebuilt when profiles or settings change, notified alerts are shown.
 */
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../src-preload/contract.ts';
import type { AppMenuState } from '../../../src-main/app/app-menu-model.ts';
import { connectDesktopShell } from '../../../src-main/app/desktop-shell.ts';
import type { AlertRecord } from '../../../src-shared/alert-model.ts';
import type { TrayModel } from '../../../src-main/monitor/tray-model.ts';
import { flexAt, reportOf } from '../monitor/health-fixtures.ts';
import { addStoredProfile, startedServices } from './support/started-services.ts';

async function shell() {
  const { services } = await startedServices();
  const sent: EventName[] = [];
  const trays: TrayModel[] = [];
  const menus: AppMenuState[] = [];
  const notified: AlertRecord[] = [];
  const stop = connectDesktopShell(
    services,
    {
      sendToWindow: (name) => void sent.push(name),
      drawTray: (model) => void trays.push(model),
      installMenu: (state) => void menus.push(state),
      notify: (alert) => void notified.push(alert),
    },
    { devTools: false },
  );
  return { services, sent, trays, menus, notified, stop };
}

describe('desktop shell', () => {
  it('draws the tray and the menu once at start', async () => {
    const { trays, menus } = await shell();
    expect(trays).toHaveLength(1);
    expect(menus).toEqual([{ profiles: [], activeProfileId: null, desks: [], activeDeskId: null, privacyMode: false, devTools: false }]);
  });

  it('rebuilds the menu when the desks change (they lead its list, members with them)', async () => {
    const { services, sent, menus } = await shell();
    const sample = services.profiles.createSample();
    const desk = services.desks.create({ name: 'Team', memberIds: [sample.id] });
    expect(sent).toContain('desksChanged');
    expect(menus.at(-1)?.desks).toEqual([{ id: desk.id, name: 'Team', memberIds: desk.memberIds }]);
    services.activateDesk(desk.id);
    expect(menus.at(-1)).toMatchObject({ activeDeskId: desk.id, activeProfileId: null });
  });

  it('rebuilds the menu with the new profile list and redraws the tray when profiles change, and sends the event on', async () => {
    const { services, sent, trays, menus } = await shell();
    const sample = services.profiles.createSample();
    expect(sent).toContain('profilesChanged');
    expect(menus.at(-1)?.profiles).toEqual([{ id: sample.id, name: sample.name }]);
    expect(trays.length).toBeGreaterThan(1);
    expect(trays.at(-1)?.menu.some((item) => 'label' in item && item.label.includes(sample.name))).toBe(true);
  });

  it('rebuilds the menu when a setting changes (its Privacy Mode check mark)', async () => {
    const { services, menus } = await shell();
    services.updateSettings({ privacyMode: true });
    expect(menus.at(-1)?.privacyMode).toBe(true);
  });

  it('shows alerts the engine marked notified, sends them to the window, and leaves the menu alone', async () => {
    const { services, sent, menus, notified } = await shell();
    const id = addStoredProfile(services, 'p2', 'Desk');
    const menusBefore = menus.length;
    services.alerts.healthChecked(id, reportOf(flexAt('140')), Date.now());
    expect(notified.map((alert) => [alert.profileId, alert.level, alert.notified])).toEqual([[id, 'critical', true]]);
    expect(sent).toContain('alert');
    expect(menus).toHaveLength(menusBefore);
  });

  it('follows nothing once stopped', async () => {
    const { services, sent, trays, menus, stop } = await shell();
    stop();
    services.profiles.createSample();
    services.updateSettings({ privacyMode: true });
    expect([sent.length, trays.length, menus.length]).toEqual([0, 1, 1]);
  });
});
