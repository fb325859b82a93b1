/**
 * What the profile service needs from the database: the profile table and the remembered active
 * profile (src-main/store's repositories; any object with these methods does).
 */
import type { AppStateRepository } from '../store/app-state-repository.ts';
import type { ProfilesRepository } from '../store/profiles-repository.ts';

export type ProfileRecords = Pick<
  ProfilesRepository,
  'list' | 'get' | 'insert' | 'update' | 'delete' | 'touch' | 'pendingKeychainDeletions' | 'keychainEntryDeleted'
>;

/** The active profile, remembered across restarts. */
export type ActiveProfileRecord = Pick<AppStateRepository, 'getActiveProfileId' | 'setActiveProfileId'>;
