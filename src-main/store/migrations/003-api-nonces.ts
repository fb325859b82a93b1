import type { Migration } from './migration.ts';

/**
 * Version 3: the last request nonce handed out per API key, so that nonces never go backwards
 * across restarts or when the system clock is set back (Kraken refuses a nonce at or below the last
 * one it accepted for a key).
 *
 * The key is stored as its SHA-256 (hex): the table only needs to tell keys apart, and the public
 * key, half of a credential, then never sits in the data file. The nonce is an INTEGER (ms-based,
 * far inside SQLite's 64 bits).
 */
export const apiNonces: Migration = {
  version: 3,
  description: 'last request nonce per API key',
  up(db) {
    db.exec(`
      CREATE TABLE api_nonces (
        key_hash TEXT PRIMARY KEY,
        last_nonce INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
