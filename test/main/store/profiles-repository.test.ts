import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildAccountSnapshot } from './fixtures/account-snapshot-fixture.ts';
import { historyPoint } from './fixtures/history-point-fixture.ts';
import { buildProfile } from './fixtures/profile-fixture.ts';
import { openTestStore } from './support/test-store.ts';

describe('ProfilesRepository', () => {
  it('inserts, gets and lists profiles in creation order, with permissions as sent', () => {
    const { profiles } = openTestStore();
    const later = buildProfile('b', { createdAt: 2_000, permissions: { general: 'FULL_ACCESS', transfer: 'READ_ONLY', other: { x: 'y' } } });
    const first = buildProfile('a', { createdAt: 1_000, kind: 'sample', keyFingerprint: null, permissions: null });
    profiles.insert(later);
    profiles.insert(first);
    expect(profiles.list()).toEqual([first, later]);
    expect(profiles.get('b')).toEqual(later);
    expect(profiles.get('missing')).toBeNull();
    expect(() => profiles.insert(first)).toThrow(/UNIQUE/);
  });

  it('updates only the given fields; undefined leaves a field, null clears it', () => {
    const { profiles } = openTestStore();
    profiles.insert(buildProfile('a'));
    const updated = profiles.update('a', { name: 'Desk', refreshSeconds: 30, colour: undefined, keyFingerprint: null });
    expect(updated).toEqual({ ...buildProfile('a'), name: 'Desk', refreshSeconds: 30, keyFingerprint: null });
    expect(profiles.get('a')).toEqual(updated);
    expect(profiles.update('missing', { name: 'x' })).toBeNull();
  });

  it('touch records the last use', () => {
    const { profiles } = openTestStore();
    profiles.insert(buildProfile('a'));
    profiles.touch('a', 5_000);
    expect(profiles.get('a')?.lastUsedAt).toBe(5_000);
  });

  it("delete removes the profile's snapshot, history, alerts, rules and snooze, and clears it as active", () => {
    const store = openTestStore();
    for (const id of ['gone', 'kept']) {
      store.profiles.insert(buildProfile(id));
      store.snapshots.saveLatest(buildAccountSnapshot({ profileId: id, subaccountCount: 2, sequence: 1 }));
      store.history.append(id, [{ accountKey: 'flex', point: historyPoint(1_000, 50_000, 10_000) }]);
      store.alertLog.append({
        profileId: id,
        profileName: id,
        accountKey: 'flex',
        accountLabel: 'Flex',
        level: 'warn',
        title: 't',
        body: 'b',
        raisedAt: 1_000,
        notified: true,
      });
      store.alertRules.set(id, { ...store.alertRules.get(id), warnBelowPct: 400 });
      store.appState.setSnoozeUntil(id, 9_000);
    }
    store.appState.setActiveProfileId('gone');

    expect(store.profiles.delete('gone')).toBe(true);
    expect(store.profiles.delete('gone')).toBe(false);

    expect(store.profiles.get('gone')).toBeNull();
    expect(store.snapshots.readLatest('gone')).toBeNull();
    expect(store.history.query('gone', 'flex', 0, 10_000)).toEqual([]);
    expect(store.alertLog.list({ profileId: 'gone', limit: 10 })).toEqual([]);
    expect(store.alertRules.get('gone').warnBelowPct).toBe(300);
    expect(store.appState.getSnoozeUntil('gone')).toBeNull();
    expect(store.appState.getActiveProfileId()).toBeNull();

    expect(store.snapshots.readLatest('kept')).not.toBeNull();
    expect(store.history.query('kept', 'flex', 0, 10_000)).toHaveLength(1);
    expect(store.alertLog.list({ profileId: 'kept', limit: 10 })).toHaveLength(1);
    expect(store.alertRules.get('kept').warnBelowPct).toBe(400);
    expect(store.appState.getSnoozeUntil('kept')).toBe(9_000);
  });

  it('the schema has no column that could hold a secret', () => {
    const store = openTestStore();
    const db = new Sqlite(store.path, { readonly: true });
    const columns = db
      .prepare("SELECT m.name AS tableName, c.name AS columnName FROM sqlite_schema AS m, pragma_table_info(m.name) AS c WHERE m.type = 'table'")
      .all() as { tableName: string; columnName: string }[];
    db.close();
    expect(columns.length).toBeGreaterThan(30);
    expect(columns.filter((c) => /secret|authent|signature|password|token|api_?key/i.test(c.columnName))).toEqual([]);
  });
});
