/**
 * AppServices' monitor → alerts → store step on real services: SQLite in a temp folder, the
 * in-process sample exchange, secrets in memory.
 */
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import Sqlite from 'better-sqlite3';
import { startedApp } from './started-app.ts';
import { SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';
import { listen } from '../../../src-main/kraken/simulator/server.ts';
import { toDecimal } from '../../../src-shared/decimal.ts';
import type { AlertRecord } from '../../../src-shared/alert-model.ts';

async function startApp() {
  const app = await startedApp();
  const sample = app.profiles.createSample();
  app.activate(sample.id);
  // The highest warning level the rules allow and the lowest critical ones: the sample's accounts alert, all as warnings.
  app.setAlertRules(sample.id, { ...app.alertRules(sample.id), warnBelowPct: 10_000, criticalBelowPct: 102, liquidationBelowPct: 101, alertOnInitialMarginBreach: false });
  const alerts: AlertRecord[] = [];
  app.alerts.onAlert((alert) => alerts.push(alert));
  return { app, profileId: sample.id, alerts };
}

describe('AppServices: alerts come before storage', () => {
  it('evaluates and notifies when saving the snapshot fails, and shows the storage failure as its own state', async () => {
    const { app, profileId, alerts } = await startApp();
    vi.spyOn(app.store.snapshots, 'saveLatest').mockImplementation(() => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    await app.scheduler.refreshNow(profileId);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((alert) => alert.level === 'warn')).toBe(true);
    const view = app.viewOf(profileId)!;
    // The figures are live: the exchange answered. What failed is keeping them.
    expect(view.status.state).toBe('live');
    expect(view.storageProblem?.kind).toBe('storageFailed');
    expect(view.storageProblem?.message).toMatch(/could not be saved/);
  });

  it('evaluates and notifies when the history refuses the figures', async () => {
    const { app, profileId, alerts } = await startApp();
    vi.spyOn(app.store.history, 'append').mockImplementation(() => {
      throw new RangeError('Not a history account key: "wallet:"');
    });
    await app.scheduler.refreshNow(profileId);
    expect(alerts.length).toBeGreaterThan(0);
    expect(app.viewOf(profileId)?.storageProblem?.kind).toBe('storageFailed');
  });

  it('still notifies an alert the alert log could not keep', async () => {
    const { app, profileId, alerts } = await startApp();
    vi.spyOn(app.store.alertLog, 'append').mockImplementation(() => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    await app.scheduler.refreshNow(profileId);
    expect(alerts.length).toBeGreaterThan(0);
    expect(app.viewOf(profileId)?.storageProblem?.kind).toBe('storageFailed');
  });

  it('clears the storage failure once a save succeeds again', async () => {
    const { app, profileId } = await startApp();
    const save = vi.spyOn(app.store.snapshots, 'saveLatest').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    await app.scheduler.refreshNow(profileId);
    expect(app.viewOf(profileId)?.storageProblem).not.toBeNull();
    save.mockRestore();
    await app.scheduler.refreshNow(profileId);
    expect(app.viewOf(profileId)?.storageProblem).toBeNull();
  });
});

describe('AppServices: history thinning', () => {
  it('a write lock held by another program makes the 6-hourly thinning wait for its next run, not throw', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    onTestFinished(() => void vi.useRealTimers());
    const { app, profileId } = await startApp();
    const old = Date.now() - 3 * 86_400_000;
    const d = toDecimal;
    const point = { marginEquity: d('10'), maintenanceMargin: d('1'), initialMargin: d('2'), collateralValue: d('10'), availableMargin: d('8'), marginRatio: d('10') };
    app.store.history.append(profileId, [0, 1, 2].map((i) => ({ accountKey: 'flex', point: { ...point, t: old + i * 1000 } })));

    const other = new Sqlite(app.store.path);
    onTestFinished(() => void other.close());
    other.exec('BEGIN IMMEDIATE');
    other.exec("INSERT INTO settings (key, value) VALUES ('held-by', 'another program')");
    expect(() => vi.advanceTimersByTime(6 * 3_600_000)).not.toThrow();
    await app.thinHistory();
    expect(app.store.history.query(profileId, 'flex', old - 900_000, old + 2000)).toHaveLength(3);

    other.exec('ROLLBACK');
    vi.advanceTimersByTime(6 * 3_600_000);
    await app.thinHistory();
    expect(app.store.history.query(profileId, 'flex', old - 900_000, old + 2000)).toHaveLength(1);
  });
});

describe('AppServices: what reaches the disk', () => {
  it('writes a profile’s latest snapshot at most every 30 minutes, and the newest one at quit', async () => {
    const { app, profileId } = await startApp();
    const save = vi.spyOn(app.store.snapshots, 'saveLatest');
    await app.scheduler.refreshNow(profileId);
    await app.scheduler.refreshNow(profileId);
    await app.scheduler.refreshNow(profileId);
    expect(save).toHaveBeenCalledTimes(1);
    const newest = app.viewOf(profileId)!.snapshot.fetchedAt;
    const path = app.store.path;
    app.dispose();
    expect(save).toHaveBeenCalledTimes(2);
    const reopened = new Sqlite(path, { readonly: true });
    onTestFinished(() => void reopened.close());
    expect(reopened.prepare('SELECT fetched_at FROM latest_snapshots WHERE profile_id = ?').pluck().get(profileId)).toBe(newest);
  });

  it('prunes the alert log with the history', async () => {
    const { app, profileId } = await startApp();
    const prune = vi.spyOn(app.store.alertLog, 'prune');
    app.store.alertLog.append({
      profileId,
      profileName: 'Sample',
      accountKey: 'flex',
      accountLabel: 'Flex',
      level: 'warn',
      title: 'old',
      body: 'old',
      raisedAt: Date.now() - 365 * 86_400_000,
      notified: true,
    });
    await app.thinHistory();
    expect(prune).toHaveBeenCalled();
    expect(app.store.alertLog.list({ limit: 100 }).some((alert) => alert.title === 'old')).toBe(false);
  });
});

describe('AppServices: request nonces', () => {
  it('persists every nonce it sends for a key, so a restart with the clock set back never reuses one', async () => {
    const exchange = new SimulatedExchange();
    const credentials = exchange.addKey();
    const server = await listen((request) => exchange.handle(request));
    onTestFinished(() => server.close());
    const app = await startedApp();
    const profile = await app.profiles.create({ name: 'Simulated', colour: '#336699', source: 'rest', ...credentials, baseUrl: server.url });
    await app.scheduler.refreshNow(profile.id);
    expect(app.viewOf(profile.id)?.status.state).toBe('live');
    expect(app.store.nonces.lastNonce(credentials.apiKey)).toBeGreaterThan(0);
  });
});
