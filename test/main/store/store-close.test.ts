/**
 * Store.close() at quit while another connection holds the database's write lock (a backup tool,
 * a database viewer): it must close the file without throwing SQLITE_BUSY, and keep what was written.
 */
import Sqlite from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../../src-main/store/database.ts';
import { Store } from '../../../src-main/store/store.ts';
import { tempFolder } from './support/temp-folder.ts';

describe('Store.close', () => {
  it('closes without throwing while another connection holds an exclusive lock, and the data stays', () => {
    const folder = tempFolder();
    const store = Store.open(folder);
    store.settings.update({ theme: 'dark' });
    const other = new Sqlite(join(folder, DATABASE_FILE_NAME));
    try {
      other.exec('BEGIN EXCLUSIVE');
      expect(() => store.close()).not.toThrow();
      // closed for good: a second close is a no-op, not a use of a closed connection
      expect(() => store.close()).not.toThrow();
      other.exec('COMMIT');
    } finally {
      other.close();
    }
    const reopened = Store.open(folder);
    try {
      expect(reopened.settings.get().theme).toBe('dark');
    } finally {
      reopened.close();
    }
  });

});
