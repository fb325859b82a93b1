/**
 * Every tray menu action, run against the real services (SQLite in a temp folder, the sample
 * profile): what it changes in the app, and where it sends the window.
 */
import { describe, expect, it, vi } from 'vitest';
import type { NavigateRequest } from '../../../src-preload/contract.ts';
import { alertClickHandler } from '../../../src-main/app/alert-click.ts';
import type { AppServices } from '../../../src-main/app/app-services.ts';
import { trayActionHandler, type TrayActionServices } from '../../../src-main/app/tray-actions.ts';
import { addStoredProfile, startedServices } from './support/started-services.ts';

/** The services' tray-facing methods, bound, to combine with a stand-in for the updater. */
function pick(services: AppServices): Omit<TrayActionServices, 'updates'> {
  return {
    activate: (id) => services.activate(id),
    activateDesk: (id) => services.activateDesk(id),
    refreshAll: () => services.refreshAll(),
    snooze: (id, minutes) => services.snooze(id, minutes),
    updateSettings: (changes) => services.updateSettings(changes),
  };
}

async function tray() {
  const { services } = await startedServices();
  const shown: (NavigateRequest | undefined)[] = [];
  let quits = 0;
  const run = trayActionHandler(services, { showWindow: (view) => void shown.push(view), quit: () => void quits++ });
  return { services, shown, run, quits: () => quits };
}

describe('tray actions', () => {
  it('switchDesk shows the desk and the window on its overview; switchProfile puts it away again', async () => {
    const { services, shown, run } = await tray();
    const first = services.profiles.createSample().id;
    const second = addStoredProfile(services, 'p2');
    const desk = services.desks.create({ name: 'Team', memberIds: [first, second] });
    run({ kind: 'switchDesk', deskId: desk.id });
    expect(services.desks.activeDeskId()).toBe(desk.id);
    expect(shown).toEqual([{ view: 'overview', deskId: desk.id }]);
    run({ kind: 'switchProfile', profileId: second });
    expect(services.desks.activeDeskId()).toBeNull();
  });

  it('switchProfile makes the profile active and shows the window on its overview', async () => {
    const { services, shown, run } = await tray();
    const first = services.profiles.createSample().id;
    const second = addStoredProfile(services, 'p2');
    services.activate(first);
    run({ kind: 'switchProfile', profileId: second });
    expect(services.profiles.activeProfileId()).toBe(second);
    expect(shown).toEqual([{ view: 'overview', profileId: second }]);
  });

  it('snooze snoozes every profile named, and 0 minutes resumes them', async () => {
    const { services, run } = await tray();
    const ids = [services.profiles.createSample().id, addStoredProfile(services, 'p2')];
    run({ kind: 'snooze', profileIds: ids, minutes: 60 });
    for (const id of ids) expect(services.store.appState.getSnoozeUntil(id)).toBeGreaterThan(Date.now());
    run({ kind: 'snooze', profileIds: ids, minutes: 0 });
    for (const id of ids) expect(services.store.appState.getSnoozeUntil(id)).toBeNull();
  });

  it('setPrivacyMode changes the setting', async () => {
    const { services, run } = await tray();
    run({ kind: 'setPrivacyMode', enabled: true });
    expect(services.store.settings.get().privacyMode).toBe(true);
    run({ kind: 'setPrivacyMode', enabled: false });
    expect(services.store.settings.get().privacyMode).toBe(false);
  });

  it('refreshNow refreshes every profile', async () => {
    const { services, run } = await tray();
    const ids = [services.profiles.createSample().id, addStoredProfile(services, 'p2')];
    const refreshNow = vi.spyOn(services.scheduler, 'refreshNow').mockResolvedValue(undefined);
    run({ kind: 'refreshNow' });
    expect(refreshNow.mock.calls.map(([id]) => id).sort()).toEqual([...ids].sort());
  });

  it('installUpdate restarts into the downloaded update, and does nothing where the app cannot update itself', async () => {
    const { services, run } = await tray();
    expect(services.updates).toBeNull();
    expect(() => run({ kind: 'installUpdate' })).not.toThrow();
    let installs = 0;
    const withUpdates = trayActionHandler({ ...pick(services), updates: { installNow: () => installs++ } }, { showWindow: () => undefined, quit: () => undefined });
    withUpdates({ kind: 'installUpdate' });
    expect(installs).toBe(1);
  });

  it('openWindow shows the window as it was; quit quits', async () => {
    const { shown, run, quits } = await tray();
    run({ kind: 'openWindow' });
    expect(shown).toEqual([undefined]);
    expect(quits()).toBe(0);
    run({ kind: 'quit' });
    expect(quits()).toBe(1);
  });
});

describe('a click on an alert notification', () => {
  it("makes the alert's profile active and opens the window on its account, or on the profile", async () => {
    const { services } = await startedServices();
    const first = services.profiles.createSample().id;
    const second = addStoredProfile(services, 'p2');
    services.activate(first);
    const shown: NavigateRequest[] = [];
    const click = alertClickHandler(services, (view) => void shown.push(view));
    click({ profileId: second, accountKey: 'wallet:flex' });
    click({ profileId: second, accountKey: null });
    expect(services.profiles.activeProfileId()).toBe(second);
    expect(shown).toEqual([
      { view: 'overview', profileId: second, accountKey: 'wallet:flex' },
      { view: 'overview', profileId: second },
    ]);
  });
});
