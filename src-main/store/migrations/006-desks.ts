import type { Migration } from './migration.ts';

/**
 * Version 6: desks, named groups of profiles shown together, and which desk is shown.
 *
 * A member row goes with its profile (ON DELETE CASCADE): deleting a profile takes it out of every
 * desk, never the desk out of the file (the desk service removes a desk left without members).
 * `position` keeps the user's order. The active desk is cleared by the database when the desk is
 * deleted, as the active profile is.
 */
export const desks: Migration = {
  version: 6,
  description: 'desks (groups of profiles) and the active desk',
  up(db) {
    db.exec(`
      CREATE TABLE desks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE desk_members (
        desk_id TEXT NOT NULL REFERENCES desks(id) ON DELETE CASCADE,
        profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (desk_id, profile_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX desk_members_by_profile ON desk_members (profile_id);

      ALTER TABLE app_state ADD COLUMN active_desk_id TEXT REFERENCES desks(id) ON DELETE SET NULL;
    `);
  },
};
