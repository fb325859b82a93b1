/** The running store when another program holds the data file's write lock (a DB viewer, a backup tool). */
import Sqlite from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Store } from '../../../src-main/store/store.ts';
import { buildAccountSnapshot } from './fixtures/account-snapshot-fixture.ts';
import { buildProfile } from './fixtures/profile-fixture.ts';
import { tempFolder } from './support/temp-folder.ts';

function lockedStore() {
  const store = Store.open(tempFolder());
  store.profiles.insert(buildProfile('p1'));
  const other = new Sqlite(store.path);
  onTestFinished(() => void other.close());
  other.exec('BEGIN IMMEDIATE');
  other.exec("INSERT INTO settings (key, value) VALUES ('held-by', 'another program')");
  return { store, other };
}

describe('Store with a write lock held elsewhere', () => {
  it('a write gives up with SQLITE_BUSY instead of waiting seconds on the main thread', () => {
    const { store } = lockedStore();
    onTestFinished(() => store.close());
    let code: unknown;
    try {
      store.snapshots.saveLatest(buildAccountSnapshot({ profileId: 'p1', subaccountCount: 1, sequence: 1 }));
    } catch (error) {
      code = (error as { code?: unknown }).code;
    }
    expect(code).toBe('SQLITE_BUSY');
    // The wait SQLite is allowed before giving up is the store's, not the 5 s the opening may wait.
    expect(store.busyTimeoutMs()).toBeLessThanOrEqual(50);
  });
});
