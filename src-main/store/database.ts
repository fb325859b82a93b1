import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { existsSync, mkdirSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../errors.ts';
import { takeCleanClose } from './clean-close.ts';
import { applyMigrations } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { moveDatabaseAside } from './move-aside.ts';
import { isCorruptionError, isFullError, isIoError, isLockError } from './sqlite-error.ts';
import type { StoreNotice } from './store-notice.ts';

export const DATABASE_FILE_NAME = 'margin-desk.db';

export interface OpenDatabaseOptions {
  /** File name inside the folder; tests and tools only, the app uses the default. */
  readonly fileName?: string;
  /** How long a statement waits for another connection's lock before giving up (default 5 s). */
  readonly busyTimeoutMs?: number;
  /** Clock for the timestamp in a moved-aside file's name. */
  readonly now?: () => number;
}

export interface OpenedDatabase {
  readonly db: Database;
  readonly path: string;
  /** What the app must tell the user (a file that had to be replaced). Empty on a normal start. */
  readonly notices: readonly StoreNotice[];
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating if needed) the app database in `folder` (Electron's userData path in the app),
 * checks it and brings its schema up to date.
 *
 * A file that cannot be read as a database (SQLITE_NOTADB, SQLITE_CORRUPT, or problems reported by
 * `PRAGMA quick_check`, which is skipped when the file is exactly as a clean close left it: see
 * ./clean-close.ts) is moved aside, kept, and replaced by a fresh one; the result then carries a
 * `databaseRecovered` notice. A file another process has locked is not damaged and is left alone:
 * that is an AppError `databaseLocked`. Anything else (permissions, a full disk, a file from a newer
 * version) is an AppError too, never a reason to move the user's data.
 */
export function openDatabase(folder: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const path = join(folder, options.fileName ?? DATABASE_FILE_NAME);
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw openError(error, path);
  }
  // After a clean close the file is as the app left it: the whole-file check would only cost time.
  let damage = takeCleanClose(path) ? null : findDamage(path, busyTimeoutMs);
  if (damage === null) {
    try {
      return { db: openForWriting(path, busyTimeoutMs), path, notices: [] };
    } catch (error) {
      // damage quick_check cannot see (it skips index contents) may still surface while migrating
      if (!isCorruptionError(error)) throw openError(error, path);
      damage = (error as Error).message;
    }
  }
  let movedTo: string;
  try {
    movedTo = moveDatabaseAside(path, (options.now ?? Date.now)());
  } catch (error) {
    throw unavailable(path, `it is damaged (${damage}) and could not be moved aside`, error);
  }
  try {
    return { db: openForWriting(path, busyTimeoutMs), path, notices: [{ kind: 'databaseRecovered', movedTo, reason: damage }] };
  } catch (error) {
    throw openError(error, path);
  }
}

/**
 * Why the file at `path` is unusable as a database, or null when it is usable, absent, or failed for a
 * reason the read-write open should report. Throws AppError `databaseLocked` when another process holds it.
 *
 * The check runs on a READ-ONLY connection on purpose: closing the last read-write connection
 * checkpoints and deletes the -wal file, which on a damaged database would destroy the very data the
 * moved-aside copy is kept for. A read-only connection leaves the file and its -wal as they were (it may
 * rebuild the -shm, which is only an index of the -wal).
 */
function findDamage(path: string, busyTimeoutMs: number): string | null {
  if (!existsSync(path)) return null;
  let db: Database | undefined;
  try {
    db = new Sqlite(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check);
    return problems.length === 1 && problems[0] === 'ok' ? null : `quick_check: ${problems.slice(0, 3).join('; ')}`;
  } catch (error) {
    if (isCorruptionError(error)) return (error as Error).message;
    if (isLockError(error)) throw openError(error, path);
    // e.g. a hot rollback journal a read-only connection may not replay: the read-write open will
    return null;
  } finally {
    db?.close();
  }
}

function openForWriting(path: string, busyTimeoutMs: number): Database {
  const db = new Sqlite(path, { timeout: busyTimeoutMs });
  try {
    // WAL: a commit appends to the -wal file and readers never wait for the writer. A process killed
    // mid-write leaves an uncommitted tail that SQLite ignores on the next open.
    db.pragma('journal_mode = WAL');
    // NORMAL (in WAL mode): fsync at checkpoints, not at every commit. A commit survives the app being
    // killed or crashing (the OS already holds the write); only a power cut or OS crash can lose the
    // last few commits, and the file stays consistent either way. What is lost is refetched from
    // Kraken within seconds, so an fsync per refresh (several per minute, for every profile) would
    // cost disk wear and latency for nothing the user could notice.
    db.pragma('synchronous = NORMAL');
    // Off by default in SQLite; the schema relies on ON DELETE CASCADE / SET NULL.
    db.pragma('foreign_keys = ON');
    applyMigrations(db, MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function openError(error: unknown, path: string): AppError {
  if (error instanceof AppError) return error;
  if (isLockError(error)) {
    return new AppError({
      kind: 'databaseLocked',
      message: `Margin Desk's data file is in use by another program, so it could not be opened (${path}).`,
      action:
        'Close any other copy of Margin Desk and any program that has this file open (a database viewer, a backup or sync tool), then start Margin Desk again.',
      retryable: true,
      cause: error,
    });
  }
  if (isDiskFull(error, dirname(path))) {
    return new AppError({
      kind: 'databaseUnavailable',
      message: `Margin Desk could not open its data file (${path}): the disk is full.`,
      action: 'Free some disk space on the disk that holds this file (empty the trash, remove files you no longer need), then start Margin Desk again.',
      retryable: true,
      cause: error,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return unavailable(path, detail, error);
}

/** Below this much free space SQLite cannot even open the file: it needs room for its -shm index and -wal log. */
const FULL_DISK_BYTES = 1024 * 1024;

/**
 * Whether `error` came from a full disk. SQLite says so (SQLITE_FULL) only where a write of its own
 * failed; growing the -shm index on a full disk is a plain I/O error, so for I/O errors the free
 * space is asked too.
 */
function isDiskFull(error: unknown, folder: string): boolean {
  if (isFullError(error) || (error as NodeJS.ErrnoException | null)?.code === 'ENOSPC') return true;
  if (!isIoError(error)) return false;
  try {
    const { blocks, bavail, bsize } = statfsSync(folder);
    return blocks > 0 && bavail * bsize < FULL_DISK_BYTES;
  } catch {
    return false;
  }
}

function unavailable(path: string, detail: string, cause: unknown): AppError {
  return new AppError({
    kind: 'databaseUnavailable',
    message: `Margin Desk could not open its data file (${path}): ${detail}.`,
    action: 'Check that the folder exists, that you may write to it and that the disk is not full, then start Margin Desk again.',
    retryable: true,
    cause,
  });
}
