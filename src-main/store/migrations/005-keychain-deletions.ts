import type { Migration } from './migration.ts';

/**
 * Version 5: the keychain entries of deleted Kraken profiles that are still to be removed
 * (ProfilesRepository.pendingKeychainDeletions).
 *
 * Deleting a profile's row queues its keychain entry here in the same statement (the trigger), and
 * the profile service takes it off once the keychain confirms the removal. A keychain that was
 * locked at the time, or a process that died between the two steps, leaves the id queued, and the
 * next keychain check removes exactly these entries: the app never has to list every entry of the
 * keychain, which would load every stored secret into memory.
 */
export const keychainDeletions: Migration = {
  version: 5,
  description: 'keychain entries of deleted profiles still to remove',
  up(db) {
    db.exec(`
      CREATE TABLE keychain_deletions (
        account TEXT PRIMARY KEY
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER profiles_queue_keychain_deletion AFTER DELETE ON profiles WHEN old.kind = 'kraken'
      BEGIN
        INSERT OR IGNORE INTO keychain_deletions (account) VALUES (old.id);
      END;
    `);
  },
};
