/**
 * Updates inside the app: the Settings switch starts and stops checking, a downloaded version is
 * offered in the tray menu, and the restart waits while the sample account is in critical alert.
 */
import { describe, expect, it, vi } from 'vitest';
import { buildTrayModel } from '../../../src-main/monitor/tray-model.ts';
import type { UpdateState } from '../../../src-shared/update-state.ts';
import type { UpdaterPort } from '../../../src-main/updates/updater-port.ts';
import { startedApp } from '../app/started-app.ts';

function portOffering(version: string | null) {
  return { check: vi.fn(async () => version), download: vi.fn(async () => {}), install: vi.fn() } satisfies UpdaterPort;
}

/** The app once the check its start began has ended. */
async function startApp(updater?: UpdaterPort) {
  const app = await startedApp({ updater });
  await vi.waitFor(() => expect(['unavailable', 'upToDate', 'ready', 'failed']).toContain(app.updateState().kind));
  return { app };
}

describe('AppServices: updates', () => {
  it('checks at start, downloads, and offers the restart in the tray menu', async () => {
    const port = portOffering('0.2.0');
    const { app } = await startApp(port);
    expect(port.check).toHaveBeenCalledOnce();
    expect(port.download).toHaveBeenCalledOnce();
    expect(app.updateState()).toEqual({ kind: 'ready', version: '0.2.0' });
    const menu = buildTrayModel(app.trayInput()).menu;
    expect(menu).toContainEqual({ type: 'action', label: 'Restart to update to 0.2.0', action: { kind: 'installUpdate' }, enabled: true });
    expect(app.updates?.installNow()).toBe('restarting');
    expect(port.install).toHaveBeenCalledOnce();
  });

  it('holds the restart while an account is in critical alert, in the tray and when asked', async () => {
    const port = portOffering('0.2.0');
    const { app } = await startApp(port);
    const sample = app.profiles.createSample();
    app.activate(sample.id);
    // The sample's flex account swings around 300 %: far below a 9,000 % critical level.
    app.setAlertRules(sample.id, { ...app.alertRules(sample.id), warnBelowPct: 10_000, criticalBelowPct: 9_000, liquidationBelowPct: 110 });
    await app.scheduler.refreshNow(sample.id);
    expect(app.alerts.status(sample.id).level).toBe('critical');

    expect(app.updates?.installNow()).toBe('heldForCriticalAlert');
    expect(port.install).not.toHaveBeenCalled();
    const labels = buildTrayModel(app.trayInput()).menu.map((item) => ('label' in item ? item.label : ''));
    expect(labels).toContain('Update 0.2.0 ready: restart waits while a critical alert shows');
    expect(labels).not.toContain('Restart to update to 0.2.0');
  });

  it('stops and restarts checking with the Settings switch, telling the window each state', async () => {
    const port = portOffering(null);
    const { app } = await startApp(port);
    const states: UpdateState[] = [];
    app.events.subscribe((name, payload) => {
      if (name === 'updateState') states.push(payload as UpdateState);
    });
    expect(app.updateState().kind).toBe('upToDate');
    app.updateSettings({ checkForUpdates: false });
    expect(app.updateState()).toEqual({ kind: 'off' });
    app.updateSettings({ checkForUpdates: true });
    await vi.waitFor(() => expect(app.updateState().kind).toBe('upToDate'));
    expect(port.check).toHaveBeenCalledTimes(2);
    expect(states.map((state) => state.kind)).toEqual(['off', 'idle', 'checking', 'upToDate']);
  });

  it('says updates are unavailable where the app is not an installed build', async () => {
    const { app } = await startApp();
    expect(app.updates).toBeNull();
    expect(app.updateState()).toEqual({ kind: 'unavailable' });
    expect(buildTrayModel(app.trayInput()).menu.some((item) => 'label' in item && item.label.includes('update'))).toBe(false);
  });
});
