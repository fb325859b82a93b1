import { coreTables } from './001-core-tables.ts';
import { historyAndAlerts } from './002-history-and-alerts.ts';
import { apiNonces } from './003-api-nonces.ts';
import { profileSource } from './004-profile-source.ts';
import { keychainDeletions } from './005-keychain-deletions.ts';
import { desks } from './006-desks.ts';
import type { Migration } from './migration.ts';

/** Every schema step in order; the last one's version is the schema this build writes. */
export const MIGRATIONS: readonly Migration[] = [coreTables, historyAndAlerts, apiNonces, profileSource, keychainDeletions, desks];
