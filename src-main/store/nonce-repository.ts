import type { Database, Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { NonceStore } from '../kraken/nonce.ts';

/** The key as the table knows it: its SHA-256, never the key itself (see migration 003). */
function keyHash(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

/** The last nonce of each API key, for ../kraken/nonce.ts. A nonce only ever grows here. */
export class NonceRepository implements NonceStore {
  readonly #get: Statement<[string], { last_nonce: number }>;
  readonly #save: Statement<[string, number]>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT last_nonce FROM api_nonces WHERE key_hash = ?');
    this.#save = db.prepare(
      'INSERT INTO api_nonces (key_hash, last_nonce) VALUES (?, ?) ON CONFLICT (key_hash) DO UPDATE SET last_nonce = max(last_nonce, excluded.last_nonce)',
    );
  }

  lastNonce(apiKey: string): number | null {
    return this.#get.get(keyHash(apiKey))?.last_nonce ?? null;
  }

  saveNonce(apiKey: string, nonce: number): void {
    this.#save.run(keyHash(apiKey), nonce);
  }
}
