import Sqlite from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, openSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/errors.ts';
import { DATABASE_FILE_NAME, openDatabase } from '../../../src-main/store/database.ts';
import { MIGRATIONS } from '../../../src-main/store/migrations/index.ts';
import { Store } from '../../../src-main/store/store.ts';
import { buildAccountSnapshot } from './fixtures/account-snapshot-fixture.ts';
import { buildProfile } from './fixtures/profile-fixture.ts';
import { tempFolder } from './support/temp-folder.ts';

const AT = Date.UTC(2026, 0, 15, 10, 30, 0, 123);
const MOVED_NAME = `${DATABASE_FILE_NAME}.corrupt-2026-01-15T10-30-00-123Z`;

/** A store file with a profile, a 50-subaccount snapshot and some settings, closed. */
function populatedFolder(): string {
  const folder = tempFolder();
  const store = Store.open(folder);
  store.profiles.insert(buildProfile('p1'));
  store.snapshots.saveLatest(buildAccountSnapshot({ profileId: 'p1', subaccountCount: 50, sequence: 1 }));
  store.settings.update({ theme: 'dark' });
  store.close();
  return folder;
}

function overwrite(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

function expectRecoveredFresh(folder: string, original: Buffer): void {
  const store = Store.open(folder, { now: () => AT });
  try {
    expect(store.notices).toEqual([{ kind: 'databaseRecovered', movedTo: join(folder, MOVED_NAME), reason: expect.any(String) }]);
    // kept byte for byte, never deleted
    expect(readFileSync(join(folder, MOVED_NAME)).equals(original)).toBe(true);
    // a fresh database that works
    expect(store.profiles.list()).toEqual([]);
    store.profiles.insert(buildProfile('again'));
    expect(store.profiles.get('again')?.id).toBe('again');
  } finally {
    store.close();
  }
  // and the next start is a normal one
  const reopened = Store.open(folder);
  expect(reopened.notices).toEqual([]);
  expect(reopened.profiles.get('again')).not.toBeNull();
  reopened.close();
}

describe('openDatabase', () => {
  it('creates the folder and a WAL database with foreign keys, synchronous NORMAL and a busy timeout', () => {
    const folder = join(tempFolder(), 'nested', 'userData');
    const { db, path, notices } = openDatabase(folder, { busyTimeoutMs: 1234 });
    try {
      expect(path).toBe(join(folder, DATABASE_FILE_NAME));
      expect(notices).toEqual([]);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    } finally {
      db.close();
    }
  });

  it('keeps data across close and reopen', () => {
    const folder = populatedFolder();
    const store = Store.open(folder);
    expect(store.notices).toEqual([]);
    expect(store.snapshots.readLatest('p1')?.subaccounts?.subaccounts).toHaveLength(50);
    expect(store.settings.get().theme).toBe('dark');
    store.close();
  });

  it('treats an empty file as a new database, not as damage', () => {
    const folder = tempFolder();
    writeFileSync(join(folder, DATABASE_FILE_NAME), '');
    const store = Store.open(folder);
    expect(store.notices).toEqual([]);
    store.close();
  });
});

describe('a damaged database file', () => {
  it('garbage bytes: moved aside, fresh database, notice', () => {
    const folder = tempFolder();
    const garbage = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 251));
    writeFileSync(join(folder, DATABASE_FILE_NAME), garbage);
    expectRecoveredFresh(folder, garbage);
  });

  it('truncated file: moved aside, fresh database, notice', () => {
    const folder = populatedFolder();
    const path = join(folder, DATABASE_FILE_NAME);
    truncateSync(path, Math.floor(statSync(path).size / 2));
    expectRecoveredFresh(folder, readFileSync(path));
  });

  it('header-only damage (the first 100 bytes): moved aside, fresh database, notice', () => {
    const folder = populatedFolder();
    const path = join(folder, DATABASE_FILE_NAME);
    overwrite(path, 0, Buffer.alloc(100, 0xab));
    expectRecoveredFresh(folder, readFileSync(path));
  });

  it('a damaged page found by quick_check: moved aside with the reason', () => {
    const folder = populatedFolder();
    const path = join(folder, DATABASE_FILE_NAME);
    const pageSize = 4096;
    const pages = statSync(path).size / pageSize;
    overwrite(path, pageSize * Math.floor(pages / 2), Buffer.alloc(pageSize, 0x5a));
    const store = Store.open(folder, { now: () => AT });
    expect(store.notices[0]?.reason).toMatch(/malformed|quick_check/);
    store.close();
  });

  it('moves the -wal and -shm files along untouched, so committed data in the log is kept too', () => {
    const folder = populatedFolder();
    const path = join(folder, DATABASE_FILE_NAME);
    // a connection still open (as after a crash) leaves its recent commits in the -wal file only
    const writer = new Sqlite(path);
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("UPDATE profiles SET name = 'only in the log'").run();
    const copy = tempFolder();
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(path + suffix, join(copy, DATABASE_FILE_NAME + suffix));
    writer.close();
    const copyPath = join(copy, DATABASE_FILE_NAME);
    overwrite(copyPath, 0, Buffer.alloc(100, 0xab));
    const wal = readFileSync(`${copyPath}-wal`);
    expect(wal.includes('only in the log')).toBe(true);

    const store = Store.open(copy, { now: () => AT });
    store.close();
    const moved = join(copy, MOVED_NAME);
    expect(readFileSync(`${moved}-wal`).equals(wal)).toBe(true);
    // the -shm is only SQLite's index of the log; it moves along but may have been rebuilt
    expect(existsSync(`${moved}-shm`)).toBe(true);
    expect(store.notices).toHaveLength(1);
  });

  it('never overwrites an earlier moved-aside file', () => {
    const folder = tempFolder();
    const path = join(folder, DATABASE_FILE_NAME);
    writeFileSync(path, 'first broken file, long enough to be read as a header ..........................................');
    Store.open(folder, { now: () => AT }).close();
    writeFileSync(path, 'second broken file, long enough to be read as a header .........................................');
    const second = Store.open(folder, { now: () => AT });
    second.close();
    expect(second.notices[0]?.movedTo).toBe(join(folder, `${MOVED_NAME}-2`));
    expect(readFileSync(join(folder, MOVED_NAME), 'utf8')).toMatch(/^first/);
    expect(readFileSync(join(folder, `${MOVED_NAME}-2`), 'utf8')).toMatch(/^second/);
  });
});

describe('a database that cannot be opened but is not damaged', () => {
  it('locked by another process: a clear databaseLocked error, and the file is left alone', async () => {
    const folder = populatedFolder();
    const path = join(folder, DATABASE_FILE_NAME);
    // another process takes an exclusive lock and keeps it (locking_mode EXCLUSIVE holds it after the commit)
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const Sqlite = require('better-sqlite3');
         const db = new Sqlite(process.argv[1]);
         db.pragma('locking_mode = EXCLUSIVE');
         db.exec('BEGIN EXCLUSIVE; UPDATE app_state SET window_state = NULL; COMMIT');
         process.stdout.write('locked\\n');
         setInterval(() => {}, 1000);`,
        path,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await once(holder.stdout, 'data');
      const before = readdirSync(folder).sort();
      let error: unknown;
      try {
        Store.open(folder, { busyTimeoutMs: 50 }).close();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).kind).toBe('databaseLocked');
      expect((error as AppError).message).toContain(path);
      expect((error as AppError).retryable).toBe(true);
      expect(readdirSync(folder).sort()).toEqual(before);
    } finally {
      holder.kill('SIGKILL');
      await once(holder, 'close');
    }
    const store = Store.open(folder);
    expect(store.notices).toEqual([]);
    expect(store.profiles.get('p1')).not.toBeNull();
    store.close();
  });

  it('a folder that cannot hold the database: databaseUnavailable, nothing moved', () => {
    const parent = tempFolder();
    const notAFolder = join(parent, 'file');
    writeFileSync(notAFolder, 'x');
    expect(() => Store.open(notAFolder)).toThrow(expect.objectContaining({ kind: 'databaseUnavailable' }));
    expect(readdirSync(parent)).toEqual(['file']);
  });

  it('a file from a newer version: databaseTooNew, the file untouched', () => {
    const folder = populatedFolder();
    const path = join(folder, DATABASE_FILE_NAME);
    const db = new Sqlite(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => Store.open(folder)).toThrow(expect.objectContaining({ kind: 'databaseTooNew', retryable: false }));
    expect(readdirSync(folder).filter((name) => name.includes('corrupt'))).toEqual([]);
    expect(existsSync(path)).toBe(true);
  });
});
