import Sqlite from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NonceSequences } from '../../../../src-main/kraken/nonce.ts';
import { DATABASE_FILE_NAME } from '../../../../src-main/store/database.ts';
import { Store } from '../../../../src-main/store/store.ts';
import { ManualClock } from '../manual-clock.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'margin-desk-nonce-'));
  folders.push(folder);
  return folder;
}

const KEY = 'spot-public-key-of-the-test';

describe('persistent nonces (a real SQLite file)', () => {
  it('never go backwards across a restart with the clock set back by a day', () => {
    const folder = tempFolder();
    const clock = new ManualClock(Date.UTC(2026, 11, 6, 12));
    let store = Store.open(folder);
    const first = new NonceSequences(clock, store.nonces);
    const before = [first.next(KEY), first.next(KEY), first.next(KEY)].map(Number);
    expect(before[1]).toBeGreaterThan(before[0] as number);
    expect(before[2]).toBeGreaterThan(before[1] as number);
    store.close();

    const setBack = new ManualClock(Date.UTC(2026, 11, 5, 12));
    store = Store.open(folder);
    const restarted = new NonceSequences(setBack, store.nonces);
    const after = Number(restarted.next(KEY));
    expect(after).toBe((before[2] as number) + 1);
    store.close();
  });

  it('follow the clock again once it has passed the last nonce', () => {
    const folder = tempFolder();
    const store = Store.open(folder);
    const clock = new ManualClock(1_000_000);
    const nonces = new NonceSequences(clock, store.nonces);
    expect(nonces.next(KEY)).toBe('1000000');
    clock.advance(5_000);
    expect(nonces.next(KEY)).toBe('1005000');
    store.close();
  });

  it('keep each key apart and store a hash of the key, never the key', () => {
    const folder = tempFolder();
    const store = Store.open(folder);
    const clock = new ManualClock(2_000_000);
    const nonces = new NonceSequences(clock, store.nonces);
    nonces.next(KEY);
    nonces.next(KEY);
    expect(nonces.next('another-key')).toBe('2000000');
    store.close();
    const db = new Sqlite(join(folder, DATABASE_FILE_NAME), { readonly: true });
    const rows = db.prepare('SELECT key_hash, last_nonce FROM api_nonces ORDER BY last_nonce').all() as { key_hash: string; last_nonce: number }[];
    db.close();
    expect(rows.map((row) => row.last_nonce)).toEqual([2_000_000, 2_000_001]);
    for (const row of rows) {
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.key_hash).not.toContain(KEY);
    }
  });

  it('a stored nonce never decreases, even when an older process writes late', () => {
    const folder = tempFolder();
    const store = Store.open(folder);
    store.nonces.saveNonce(KEY, 50);
    store.nonces.saveNonce(KEY, 40);
    expect(store.nonces.lastNonce(KEY)).toBe(50);
    store.close();
  });
});
