import type { Migration } from './migration.ts';

/**
 * Version 2: margin history, the alert log, alert rules and snoozes.
 *
 * History is stored as one series per (profile, account key) and points keyed by (series, tier, time)
 * in a WITHOUT ROWID table:
 * - the profile id and account key are written once per series instead of once per point; a year of a
 *   series is tens of thousands of points, so the bytes per point decide the file size;
 * - the tier (0 every poll, 1 quarter-hour bucket, 2 day bucket) leads the time in the key, so that
 *   thinning reads and deletes exactly the points that move to the next tier (one key range per
 *   series) instead of scanning the whole thinned past every day.
 *
 * The figures are exact decimal TEXT. There is deliberately no REAL copy of the margin ratio: thinning
 * and chart downsampling only need an order to find the worst point of a bucket, and
 * CAST(margin_ratio AS REAL) gives that order at query time without spending ~9 bytes per point.
 */
export const historyAndAlerts: Migration = {
  version: 2,
  description: 'history, alert log, alert rules and snoozes',
  up(db) {
    db.exec(`
      CREATE TABLE history_series (
        id INTEGER PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        -- 'flex', 'sub:<uid>' or 'wallet:<key>'
        account_key TEXT NOT NULL,
        UNIQUE (profile_id, account_key)
      ) STRICT;

      CREATE TABLE history_points (
        series_id INTEGER NOT NULL REFERENCES history_series(id) ON DELETE CASCADE,
        -- 0: every poll, 1: quarter-hour bucket, 2: day bucket
        tier INTEGER NOT NULL,
        -- ms since epoch; the bucket start in tiers 1 and 2
        t INTEGER NOT NULL,
        margin_equity TEXT NOT NULL,
        maintenance_margin TEXT NOT NULL,
        initial_margin TEXT NOT NULL,
        collateral_value TEXT NOT NULL,
        available_margin TEXT NOT NULL,
        margin_ratio TEXT,
        PRIMARY KEY (series_id, tier, t)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE alert_log (
        id INTEGER PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        profile_name TEXT NOT NULL,
        account_key TEXT NOT NULL,
        account_label TEXT NOT NULL,
        level TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        raised_at INTEGER NOT NULL,
        notified INTEGER NOT NULL,
        acknowledged_at INTEGER
      ) STRICT;
      CREATE INDEX alert_log_by_time ON alert_log (raised_at DESC, id DESC);
      CREATE INDEX alert_log_by_profile ON alert_log (profile_id, raised_at DESC, id DESC);

      CREATE TABLE alert_rules (
        profile_id TEXT PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
        -- AlertRules as JSON
        rules TEXT NOT NULL
      ) STRICT;

      CREATE TABLE alert_snoozes (
        profile_id TEXT PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
        until INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
