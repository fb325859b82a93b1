/**
 * Updates inside the app: the Settings switch starts and stops checking, a downloaded version is
 * offered in the tray menu, and the restart waits while the sample account is in critical alert.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { AppServices } from '../../../src-main/app/app-services.ts';
import { createLogger } from '../../../src-main/log/logger.ts';
import { buildTrayModel } from '../../../src-main/monitor/tray-model.ts';
import { MemorySecretStore } from '../../../src-main/profiles/memory-secret-store.ts';
import type { UpdateState } from '../../../src-main/updates/update-state.ts';
import type { UpdaterPort } from '../../../src-main/updates/updater-port.ts';

function portOffering(version: string | null) {
  return { check: vi.fn(async () => version), download: vi.fn(async () => {}), install: vi.fn() } satisfies UpdaterPort;
}

async function startApp(updater?: UpdaterPort) {
  const dataDir = mkdtempSync(join(tmpdir(), 'md-app-updates-'));
  const app = new AppServices({
    dataDir,
    appVersion: '0.1.0',
    platform: 'linux',
    secrets: new MemorySecretStore(),
    logger: createLogger({ filePath: null, console: false }),
    hooks: { showLogFile: () => undefined, openExternal: () => undefined, setStartAtLogin: () => undefined },
    updater,
  });
  const states: UpdateState[] = [];
  app.events.subscribe((name, payload) => {
    if (name === 'updateState') states.push(payload as UpdateState);
  });
  await app.start();
  onTestFinished(() => {
    app.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await app.updates?.checkNow();
  return { app, states };
}

describe('AppServices: updates', () => {
  it('checks at start, downloads, and offers the restart in the tray menu', async () => {
    const port = portOffering('0.2.0');
    const { app, states } = await startApp(port);
    expect(port.check).toHaveBeenCalledOnce();
    expect(app.updateState()).toEqual({ kind: 'ready', version: '0.2.0' });
    expect(states.at(-1)).toEqual({ kind: 'ready', version: '0.2.0' });
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
    // The sample's accounts are all far below a 100,000 % critical level.
    app.setAlertRules(sample.id, { ...app.alertRules(sample.id), warnBelowPct: 200_000, criticalBelowPct: 100_000, liquidationBelowPct: 0.5 });
    await app.scheduler.refreshNow(sample.id);
    expect(app.alerts.status(sample.id).level).toBe('critical');

    expect(app.updates?.installNow()).toBe('heldForCriticalAlert');
    expect(port.install).not.toHaveBeenCalled();
    const labels = buildTrayModel(app.trayInput()).menu.map((item) => ('label' in item ? item.label : ''));
    expect(labels).toContain('Update 0.2.0 ready: restart waits while a critical alert shows');
    expect(labels).not.toContain('Restart to update to 0.2.0');
  });

  it('stops and restarts checking with the Settings switch', async () => {
    const port = portOffering(null);
    const { app } = await startApp(port);
    expect(app.updateState().kind).toBe('upToDate');
    app.updateSettings({ checkForUpdates: false });
    expect(app.updateState()).toEqual({ kind: 'off' });
    app.updateSettings({ checkForUpdates: true });
    await app.updates?.checkNow();
    expect(port.check).toHaveBeenCalledTimes(2);
    expect(app.updateState().kind).toBe('upToDate');
  });

  it('says updates are unavailable where the app is not an installed build', async () => {
    const { app } = await startApp();
    expect(app.updates).toBeNull();
    expect(app.updateState()).toEqual({ kind: 'unavailable' });
    expect(buildTrayModel(app.trayInput()).menu.some((item) => 'label' in item && item.label.includes('update'))).toBe(false);
  });
});
