import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from '../../../src-shared/alert-model.ts';
import { DATABASE_FILE_NAME } from '../../../src-main/store/database.ts';
import { applyMigrations, schemaVersion } from '../../../src-main/store/migrate.ts';
import { MIGRATIONS } from '../../../src-main/store/migrations/index.ts';
import type { Migration } from '../../../src-main/store/migrations/migration.ts';
import { Store } from '../../../src-main/store/store.ts';
import { buildAccountSnapshot } from './fixtures/account-snapshot-fixture.ts';
import { historyPoint } from './fixtures/history-point-fixture.ts';
import { tempFolder } from './support/temp-folder.ts';

const LATEST = MIGRATIONS.length;
const snapshot = buildAccountSnapshot({ profileId: 'p-old', subaccountCount: 3, sequence: 42 });

/**
 * What a user of each schema version has in the file, written with that version's SQL (not through
 * today's repositories, which only know the latest schema), and how it must read after upgrading.
 * A new migration adds an entry for the version before it.
 */
const DATA_OF_VERSION: Readonly<Record<number, { write(db: Database): void; check(store: Store): void }>> = {
  1: {
    write(db) {
      db.prepare(
        `INSERT INTO profiles (id, name, colour, kind, base_url, refresh_seconds, created_at, last_used_at, key_fingerprint, permissions)
         VALUES ('p-old', 'Main', '#ff0000', 'kraken', 'https://futures.kraken.com', 15, 1000, 2000, '…AbCd', ?)`,
      ).run(JSON.stringify({ general: 'READ_ONLY', transfer: 'NO_ACCESS', other: {} }));
      db.prepare('INSERT INTO latest_snapshots (profile_id, fetched_at, server_time, format, snapshot) VALUES (?, ?, ?, 1, ?)').run(
        'p-old',
        snapshot.fetchedAt,
        snapshot.serverTime,
        JSON.stringify(snapshot),
      );
      db.prepare("INSERT INTO settings (key, value) VALUES ('privacyMode', 'true')").run();
      db.prepare(`UPDATE app_state SET active_profile_id = 'p-old', window_state = ?`).run(
        JSON.stringify({ x: 10, y: 20, width: 1200, height: 800, maximized: false }),
      );
    },
    check(store) {
      expect(store.profiles.get('p-old')).toMatchObject({ name: 'Main', lastUsedAt: 2000, permissions: { general: 'READ_ONLY' } });
      expect(store.snapshots.readLatest('p-old')).toEqual(snapshot);
      expect(store.settings.get().privacyMode).toBe(true);
      expect(store.appState.getActiveProfileId()).toBe('p-old');
      expect(store.appState.getWindowState()).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: false });
      // and the tables of later versions work for the old profile
      expect(store.alertRules.get('p-old')).toEqual(DEFAULT_ALERT_RULES);
      store.history.append('p-old', [{ accountKey: 'flex', point: historyPoint(5000, 30_000, 10_000) }]);
      expect(store.history.query('p-old', 'flex', 0, 10_000)).toHaveLength(1);
    },
  },
  2: {
    write(db) {
      db.prepare("INSERT INTO alert_snoozes (profile_id, until) VALUES ('p-old', 123456)").run();
    },
    check(store) {
      expect(store.appState.getSnoozeUntil('p-old')).toBe(123456);
      // and the nonce table of version 3 works
      store.nonces.saveNonce('key', 5);
      expect(store.nonces.lastNonce('key')).toBe(5);
    },
  },
  3: {
    write(db) {
      db.prepare("INSERT INTO api_nonces (key_hash, last_nonce) VALUES ('k', 7)").run();
    },
    check(store) {
      // Every profile before version 4 read the Derivatives REST API.
      expect(store.profiles.get('p-old')).toMatchObject({ kind: 'kraken', source: 'rest', streamUrl: null, baseUrl: 'https://futures.kraken.com' });
    },
  },
  4: {
    write(db) {
      db.prepare(
        `INSERT INTO profiles (id, name, colour, kind, source, base_url, stream_url, refresh_seconds, created_at)
         VALUES ('p-sample', 'Sample', '#00ff00', 'sample', 'rest', 'sample://exchange', NULL, 15, 3000)`,
      ).run();
    },
    check(store) {
      // From version 5 on, deleting a Kraken profile queues its keychain entry for removal; the Sample has none.
      expect(store.profiles.pendingKeychainDeletions()).toEqual([]);
      store.profiles.delete('p-sample');
      store.profiles.delete('p-old');
      expect(store.profiles.pendingKeychainDeletions()).toEqual(['p-old']);
      store.profiles.keychainEntryDeleted('p-old');
      expect(store.profiles.pendingKeychainDeletions()).toEqual([]);
    },
  },
  5: {
    write(db) {
      db.prepare(
        `INSERT INTO profiles (id, name, colour, kind, source, base_url, stream_url, refresh_seconds, created_at)
         VALUES ('p-uws', 'Streamed', '#00ff00', 'kraken', 'uws', 'https://api.kraken.com', 'wss://uws.kraken.com/v2/private', 15, 4000)`,
      ).run();
    },
    check(store) {
      // Before version 6 nothing was grouped: no desk, none shown, and an old profile can join one.
      expect(store.desks.list()).toEqual([]);
      expect(store.appState.getActiveDeskId()).toBeNull();
      store.desks.insert({ id: 'd-new', name: 'Team', memberIds: ['p-uws'], createdAt: 1 });
      expect(store.desks.get('d-new')?.memberIds).toEqual(['p-uws']);
      expect(store.profiles.get('p-uws')).toMatchObject({ source: 'uws', streamUrl: 'wss://uws.kraken.com/v2/private' });
    },
  },
};

/** A database file at schema `version`, holding the data of every version up to it. */
function databaseAtVersion(version: number): string {
  const folder = tempFolder();
  const db = new Sqlite(join(folder, DATABASE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  applyMigrations(db, MIGRATIONS.slice(0, version));
  for (let v = 1; v <= version; v += 1) DATA_OF_VERSION[v]?.write(db);
  expect(schemaVersion(db)).toBe(version);
  db.close();
  return folder;
}

describe('migrations', () => {
  it('are numbered 1, 2, … in order and every earlier version has test data', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
    for (let v = 1; v < LATEST; v += 1) expect(DATA_OF_VERSION[v], `test data of schema ${v}`).toBeDefined();
  });

  for (let from = 0; from < LATEST; from += 1) {
    it(`upgrade from schema ${from} to ${LATEST} keeps every record`, () => {
      const folder = databaseAtVersion(from);
      const store = Store.open(folder);
      try {
        expect(store.notices).toEqual([]);
        for (let v = 1; v <= from; v += 1) DATA_OF_VERSION[v]?.check(store);
      } finally {
        store.close();
      }
      const db = new Sqlite(join(folder, DATABASE_FILE_NAME), { readonly: true });
      expect(schemaVersion(db)).toBe(LATEST);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    });
  }

  it('a step that fails leaves the previous version and none of its changes', () => {
    const db = new Sqlite(':memory:');
    const failing: Migration = {
      version: LATEST + 1,
      description: 'fails half-way',
      up(target) {
        target.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => applyMigrations(db, [...MIGRATIONS, failing])).toThrow('boom');
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half_done'").all()).toEqual([]);
    db.close();
  });

  it('refuses a list that skips or repeats a version', () => {
    const db = new Sqlite(':memory:');
    const [first, second] = MIGRATIONS;
    if (first === undefined || second === undefined) throw new Error('expected two migrations');
    expect(() => applyMigrations(db, [second])).toThrow(/expected 1/);
    expect(() => applyMigrations(db, [first, first])).toThrow(/expected 2/);
    expect(schemaVersion(db)).toBe(0);
    db.close();
  });
});
