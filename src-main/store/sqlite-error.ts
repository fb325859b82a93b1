/**
 * Classifies what better-sqlite3 throws by SQLite's result code (`SQLITE_BUSY`, `SQLITE_CORRUPT_INDEX`…:
 * the primary code, optionally followed by an extended code).
 */
function sqliteCode(error: unknown): string | null {
  if (!(error instanceof Error) || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

function hasPrimaryCode(error: unknown, primary: string): boolean {
  const code = sqliteCode(error);
  return code !== null && (code === primary || code.startsWith(`${primary}_`));
}

/** The file is not a database or its pages do not make sense: it will never open as it is. */
export function isCorruptionError(error: unknown): boolean {
  return hasPrimaryCode(error, 'SQLITE_NOTADB') || hasPrimaryCode(error, 'SQLITE_CORRUPT');
}

/** Another connection holds a lock longer than the busy timeout: the file is fine, just in use. */
export function isLockError(error: unknown): boolean {
  return hasPrimaryCode(error, 'SQLITE_BUSY') || hasPrimaryCode(error, 'SQLITE_LOCKED');
}

/** SQLite found no room to write (SQLITE_FULL): the disk, or a size limit of the file, is full. */
export function isFullError(error: unknown): boolean {
  return hasPrimaryCode(error, 'SQLITE_FULL');
}

/** A read or write of the file itself failed (SQLITE_IOERR and its extended codes). */
export function isIoError(error: unknown): boolean {
  return hasPrimaryCode(error, 'SQLITE_IOERR');
}
