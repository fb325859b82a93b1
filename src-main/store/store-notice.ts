/**
 * Something the user must be told about the local data file when the app opens.
 * `databaseRecovered`: the file could not be read as a database; it was kept under `movedTo`
 * (with its -wal/-shm files) and a fresh, empty one was created, so cached figures, history and the
 * alert log start again.
 */
export interface DatabaseRecoveredNotice {
  readonly kind: 'databaseRecovered';
  /** Full path of the moved-aside file. */
  readonly movedTo: string;
  /** Why it could not be used, as SQLite reported it. */
  readonly reason: string;
}

export type StoreNotice = DatabaseRecoveredNotice;
