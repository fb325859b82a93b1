/**
 * A note beside the database that the app closed it cleanly, with the file's size and change time
 * at that moment. `PRAGMA quick_check` reads the whole file, which with a year of history takes long
 * enough to freeze the starting window; after a clean close nothing the app did can have left it
 * damaged, so the next start skips the check when the file is exactly as it was left (no -wal, same
 * size, same change time). A crash, a kill, a power cut or another program touching the file leaves
 * no matching note, and that start checks the file as before.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

interface CleanClose {
  readonly size: number;
  readonly changedAt: number;
}

function notePath(databasePath: string): string {
  return `${databasePath}.clean-close`;
}

function current(databasePath: string): CleanClose | null {
  try {
    const stat = statSync(databasePath);
    return { size: stat.size, changedAt: stat.mtimeMs };
  } catch {
    return null;
  }
}

/** After the last connection closed: remember the file as it was left. A failure only costs the next start a check. */
export function recordCleanClose(databasePath: string): void {
  const state = current(databasePath);
  if (state === null) return;
  try {
    writeFileSync(notePath(databasePath), JSON.stringify(state));
  } catch {
    // a read-only folder: the next start checks the file, as after a crash
  }
}

/**
 * Whether the file is exactly as a clean close left it. A matching note is used up (only a clean
 * close writes the next one); one that does not match is left, since it can never match again.
 */
export function takeCleanClose(databasePath: string): boolean {
  const path = notePath(databasePath);
  if (!existsSync(path)) return false;
  let left: Partial<CleanClose> | null;
  try {
    left = JSON.parse(readFileSync(path, 'utf8')) as Partial<CleanClose> | null;
  } catch {
    return false;
  }
  const state = current(databasePath);
  const asLeft = state !== null && !existsSync(`${databasePath}-wal`) && left?.size === state.size && left.changedAt === state.changedAt;
  if (asLeft) rmSync(path, { force: true });
  return asLeft;
}
