import type { Database } from 'better-sqlite3';

/**
 * One step of the schema. `up` runs inside the transaction that also sets `PRAGMA user_version` to
 * `version`, so a step is applied entirely or not at all, even when the process dies half-way.
 *
 * Migrations are TypeScript modules rather than .sql files so that the bundled main process carries
 * them without any asset copying, and so that a step can run code if a future change needs it.
 * A released migration is never edited: a change to the schema is a new file with the next version.
 */
export interface Migration {
  readonly version: number;
  /** What the step does, for logs and errors. */
  readonly description: string;
  up(db: Database): void;
}
