/** The start-up integrity check is skipped only for a file exactly as a clean close left it. */
import Sqlite from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { takeCleanClose } from '../../../src-main/store/clean-close.ts';
import { Store } from '../../../src-main/store/store.ts';
import { buildProfile } from './fixtures/profile-fixture.ts';
import { tempFolder } from './support/temp-folder.ts';

function closedStore(): { folder: string; path: string } {
  const folder = tempFolder();
  const store = Store.open(folder);
  store.profiles.insert(buildProfile('p1'));
  store.close();
  return { folder, path: store.path };
}

describe('clean close', () => {
  it('a clean close lets the next start skip the check, once', () => {
    const { path } = closedStore();
    expect(takeCleanClose(path)).toBe(true);
    expect(takeCleanClose(path)).toBe(false);
  });

  it('opening the store uses the note up, so a crash before the next close means a check', () => {
    const { folder, path } = closedStore();
    const store = Store.open(folder);
    expect(takeCleanClose(path)).toBe(false);
    store.close();
    expect(takeCleanClose(path)).toBe(true);
  });

  it('a file changed after the close (another program, a damaged disk write) is checked', () => {
    const { path } = closedStore();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from('x'), 0, 1, 100);
    closeSync(fd);
    expect(takeCleanClose(path)).toBe(false);
  });

  it('a -wal left by another connection means the file is not as the app left it', () => {
    const { path } = closedStore();
    const other = new Sqlite(path);
    other.pragma('journal_mode = WAL');
    other.exec("INSERT INTO settings (key, value) VALUES ('x', 'y')");
    try {
      expect(takeCleanClose(path)).toBe(false);
    } finally {
      other.close();
    }
  });
});
