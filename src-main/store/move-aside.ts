import { existsSync, renameSync } from 'node:fs';

/** SQLite's files next to a database: write-ahead log, its shared-memory index, rollback journal. */
const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/**
 * Renames an unusable database to `<name>.corrupt-<UTC timestamp>` and returns the new path.
 * Nothing is deleted: the user (or support) may still recover data from it.
 *
 * Companion files move first and keep SQLite's naming (`<moved>-wal`), so that opening the moved file
 * with any SQLite tool still sees its own log, and so that a crash between two renames can never leave
 * the old log next to the fresh database (SQLite would replay a foreign log into it).
 */
export function moveDatabaseAside(path: string, at: number): string {
  // ':' is not allowed in Windows file names
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  let target = `${path}.corrupt-${stamp}`;
  for (let n = 2; [target, ...COMPANION_SUFFIXES.map((s) => target + s)].some((p) => existsSync(p)); n++) {
    target = `${path}.corrupt-${stamp}-${n}`;
  }
  for (const suffix of COMPANION_SUFFIXES) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  renameSync(path, target);
  return target;
}
