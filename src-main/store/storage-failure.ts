import { AppError } from '../errors.ts';
import { isLockError } from './sqlite-error.ts';

function sqliteCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/**
 * A write to the local store failed while the app kept running: the figures on screen are current
 * and alerts still work, but they are not kept for the next start or the history. Its own state,
 * shown beside the figures, so that a full disk is noticed before the cache is needed.
 */
export function storageFailedError(cause: unknown): AppError {
  const code = sqliteCode(cause);
  const reason = code.startsWith('SQLITE_FULL')
    ? 'the disk is full'
    : isLockError(cause)
      ? 'another program holds the data file'
      : code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR')
        ? 'the data file cannot be written'
        : 'the data file refused them';
  return new AppError({
    kind: 'storageFailed',
    message: `The latest figures could not be saved (${reason}). They are shown and alerts still work, but they are not kept for the next start or the history.`,
    action: 'Free some disk space or close the program that holds the data file; saving resumes by itself with the next refresh.',
    retryable: true,
    cause,
  });
}
