import type { Database } from 'better-sqlite3';
import { AppError } from '../errors.ts';
import type { Migration } from './migrations/migration.ts';

/** The schema version recorded in the file header (0 for a new, empty database). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the last of `migrations`, one transaction per step. `user_version` lives
 * in the file header, which SQLite writes inside the same transaction: a process killed during a
 * step leaves the previous version with none of the step's tables, and the next start redoes it.
 *
 * A file from a newer build is refused rather than touched: its data is valid, this build just
 * cannot know what the newer schema means.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.description}" has version ${migration.version}, expected ${index + 1}`);
    }
  });
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new AppError({
      kind: 'databaseTooNew',
      message: `Margin Desk's data file was written by a newer version of Margin Desk (schema ${current}; this version knows ${latest}).`,
      action: 'Install the newer version of Margin Desk again. The data file was left untouched.',
      retryable: false,
    });
  }
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
