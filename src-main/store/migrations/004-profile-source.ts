import type { Migration } from './migration.ts';

/**
 * Version 4: where a profile's figures come from. Every profile stored before this step used the
 * Derivatives REST API (`rest`); `uws` profiles stream from the Unified WebSocket at `stream_url`.
 */
export const profileSource: Migration = {
  version: 4,
  description: 'profile data source (REST or Unified WebSocket) and WebSocket address',
  up(db) {
    db.exec(`
      ALTER TABLE profiles ADD COLUMN source TEXT NOT NULL DEFAULT 'rest' CHECK (source IN ('rest', 'uws'));
      ALTER TABLE profiles ADD COLUMN stream_url TEXT;
    `);
  },
};
