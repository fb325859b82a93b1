import type { Migration } from './migration.ts';

/**
 * Version 1: what the app needs to open offline. Profiles (never a secret column: secrets live in the
 * OS keychain only), the latest snapshot of each, settings and the app state.
 *
 * Every table is STRICT so that a wrong type is an error instead of silent affinity conversion.
 * Money never gets a numeric column here: snapshots are the model's JSON, whose amounts are exact
 * decimal strings.
 */
export const coreTables: Migration = {
  version: 1,
  description: 'profiles, latest snapshots, settings and app state',
  up(db) {
    db.exec(`
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        colour TEXT NOT NULL,
        kind TEXT NOT NULL,
        base_url TEXT NOT NULL,
        refresh_seconds INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER,
        key_fingerprint TEXT,
        -- KeyPermissions as JSON, null until the key was checked
        permissions TEXT
      ) STRICT;

      CREATE TABLE latest_snapshots (
        profile_id TEXT PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
        fetched_at INTEGER NOT NULL,
        server_time TEXT,
        -- version of the AccountSnapshot JSON layout (see snapshot-repository.ts)
        format INTEGER NOT NULL,
        snapshot TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- exactly one row: what the app restores at start
      CREATE TABLE app_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        active_profile_id TEXT REFERENCES profiles(id) ON DELETE SET NULL,
        window_state TEXT
      ) STRICT;
      INSERT INTO app_state (id) VALUES (1);
    `);
  },
};
