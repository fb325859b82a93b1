import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Decimal } from '../../../src-shared/account-model.ts';
import { SNAPSHOT_FORMAT } from '../../../src-main/store/snapshot-repository.ts';
import { buildAccountSnapshot } from './fixtures/account-snapshot-fixture.ts';
import { buildProfile } from './fixtures/profile-fixture.ts';
import { openTestStore } from './support/test-store.ts';

describe('SnapshotRepository', () => {
  it('reads back exactly what was saved, decimal strings included', () => {
    const store = openTestStore();
    store.profiles.insert(buildProfile('p'));
    const built = buildAccountSnapshot({ profileId: 'p', subaccountCount: 5, sequence: 7 });
    const flex = built.accounts.flex;
    if (flex === null) throw new Error('fixture has a flex account');
    // digits a float would lose, and a tiny negative
    const snapshot = {
      ...built,
      accounts: { ...built.accounts, flex: { ...flex, availableMargin: '-0.0009056832839642471' as Decimal, marginEquity: '12345678901234567.89' as Decimal } },
    };
    store.snapshots.saveLatest(snapshot);
    expect(store.snapshots.readLatest('p')).toEqual(snapshot);
    expect(store.snapshots.readLatest('other')).toBeNull();
  });

  it('keeps one snapshot per profile: the last one saved wins, even with an older fetchedAt', () => {
    const store = openTestStore();
    store.profiles.insert(buildProfile('p'));
    const newer = buildAccountSnapshot({ profileId: 'p', subaccountCount: 1, sequence: 20 });
    const older = buildAccountSnapshot({ profileId: 'p', subaccountCount: 1, sequence: 10 });
    store.snapshots.saveLatest(newer);
    store.snapshots.saveLatest(older);
    expect(store.snapshots.readLatest('p')).toEqual(older);
    expect(store.snapshots.readAllLatest()).toEqual([older]);
  });

  it('readAllLatest returns every profile that has one', () => {
    const store = openTestStore();
    for (const id of ['a', 'b', 'c']) store.profiles.insert(buildProfile(id));
    const a = buildAccountSnapshot({ profileId: 'a', subaccountCount: 0, sequence: 1 });
    const c = buildAccountSnapshot({ profileId: 'c', subaccountCount: 3, sequence: 2 });
    store.snapshots.saveLatest(c);
    store.snapshots.saveLatest(a);
    expect(store.snapshots.readAllLatest()).toEqual([a, c]);
  });

  it('refuses a snapshot of a profile that does not exist', () => {
    const store = openTestStore();
    expect(() => store.snapshots.saveLatest(buildAccountSnapshot({ profileId: 'nobody', subaccountCount: 0, sequence: 1 }))).toThrow(/FOREIGN KEY/);
  });

  it('ignores a snapshot stored in another JSON format, as if nothing were cached', () => {
    const store = openTestStore();
    store.profiles.insert(buildProfile('p'));
    store.snapshots.saveLatest(buildAccountSnapshot({ profileId: 'p', subaccountCount: 1, sequence: 1 }));
    const db = new Sqlite(store.path);
    db.prepare('UPDATE latest_snapshots SET format = ?').run(SNAPSHOT_FORMAT + 1);
    db.close();
    expect(store.snapshots.readLatest('p')).toBeNull();
    expect(store.snapshots.readAllLatest()).toEqual([]);
  });
});
