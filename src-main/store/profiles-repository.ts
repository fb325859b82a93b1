import type { Database, Statement } from 'better-sqlite3';
import type { KeyPermissions } from '../../src-shared/account-model.ts';
import type { DataSourceKind, Profile, ProfileKind } from '../../src-shared/profile.ts';

/** Every field of a profile that can change after creation. */
export type ProfileUpdate = Partial<Omit<Profile, 'id' | 'createdAt'>>;

interface ProfileRow {
  id: string;
  name: string;
  colour: string;
  kind: string;
  source: string;
  base_url: string;
  stream_url: string | null;
  refresh_seconds: number;
  created_at: number;
  last_used_at: number | null;
  key_fingerprint: string | null;
  permissions: string | null;
}

const COLUMNS = 'id, name, colour, kind, source, base_url, stream_url, refresh_seconds, created_at, last_used_at, key_fingerprint, permissions';

function toRow(profile: Profile): ProfileRow {
  return {
    id: profile.id,
    name: profile.name,
    colour: profile.colour,
    kind: profile.kind,
    source: profile.source,
    base_url: profile.baseUrl,
    stream_url: profile.streamUrl,
    refresh_seconds: profile.refreshSeconds,
    created_at: profile.createdAt,
    last_used_at: profile.lastUsedAt,
    key_fingerprint: profile.keyFingerprint,
    permissions: profile.permissions === null ? null : JSON.stringify(profile.permissions),
  };
}

function fromRow(row: ProfileRow): Profile {
  return {
    id: row.id,
    name: row.name,
    colour: row.colour,
    kind: row.kind as ProfileKind,
    source: row.source as DataSourceKind,
    baseUrl: row.base_url,
    streamUrl: row.stream_url,
    refreshSeconds: row.refresh_seconds,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    keyFingerprint: row.key_fingerprint,
    permissions: row.permissions === null ? null : (JSON.parse(row.permissions) as KeyPermissions),
  };
}

/**
 * Profile records. There is no secret here by construction: the table has no column that could hold
 * one (secrets live in the OS keychain, see src-main/profiles).
 */
export class ProfilesRepository {
  readonly #db: Database;
  readonly #list: Statement<[], ProfileRow>;
  readonly #get: Statement<[string], ProfileRow>;
  readonly #insert: Statement<[ProfileRow]>;
  readonly #replace: Statement<[ProfileRow]>;
  readonly #delete: Statement<[string]>;
  readonly #touch: Statement<[number, string]>;
  readonly #pendingKeychainDeletions: Statement<[], { account: string }>;
  readonly #keychainEntryDeleted: Statement<[string]>;

  constructor(db: Database) {
    this.#db = db;
    this.#list = db.prepare(`SELECT ${COLUMNS} FROM profiles ORDER BY created_at, id`);
    this.#get = db.prepare(`SELECT ${COLUMNS} FROM profiles WHERE id = ?`);
    const values = '@id, @name, @colour, @kind, @source, @base_url, @stream_url, @refresh_seconds, @created_at, @last_used_at, @key_fingerprint, @permissions';
    this.#insert = db.prepare(`INSERT INTO profiles (${COLUMNS}) VALUES (${values})`);
    this.#replace = db.prepare(
      `UPDATE profiles SET name = @name, colour = @colour, kind = @kind, source = @source, base_url = @base_url,
         stream_url = @stream_url,
         refresh_seconds = @refresh_seconds, last_used_at = @last_used_at, key_fingerprint = @key_fingerprint,
         permissions = @permissions
       WHERE id = @id`,
    );
    this.#delete = db.prepare('DELETE FROM profiles WHERE id = ?');
    this.#touch = db.prepare('UPDATE profiles SET last_used_at = ? WHERE id = ?');
    this.#pendingKeychainDeletions = db.prepare('SELECT account FROM keychain_deletions ORDER BY account');
    this.#keychainEntryDeleted = db.prepare('DELETE FROM keychain_deletions WHERE account = ?');
  }

  /** All profiles in creation order (the order of the switcher and of Ctrl/Cmd+1…9). */
  list(): Profile[] {
    return this.#list.all().map(fromRow);
  }

  get(id: string): Profile | null {
    const row = this.#get.get(id);
    return row === undefined ? null : fromRow(row);
  }

  /** Throws (SQLite constraint error) when the id exists already: ids are generated, so that is a bug. */
  insert(profile: Profile): void {
    this.#insert.run(toRow(profile));
  }

  /** Applies `changes` and returns the stored result, or null when there is no such profile. */
  update(id: string, changes: ProfileUpdate): Profile | null {
    return this.#db.transaction(() => {
      const current = this.get(id);
      if (current === null) return null;
      // a key present with `undefined` means "not changing" (Partial), never "erase"
      const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const next: Profile = { ...current, ...given, id: current.id, createdAt: current.createdAt };
      this.#replace.run(toRow(next));
      return next;
    })();
  }

  /**
   * Deletes the profile and, through ON DELETE CASCADE, its latest snapshot, history, alert log,
   * alert rules and snooze; the active profile becomes none if it was this one. A Kraken profile's
   * keychain entry is queued for removal in the same statement (see `pendingKeychainDeletions`).
   * False when absent.
   */
  delete(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }

  /**
   * Profile ids of deleted Kraken profiles whose keychain entries are still to be removed: queued by
   * `delete` (migration 005's trigger), until `keychainEntryDeleted` confirms the removal.
   */
  pendingKeychainDeletions(): string[] {
    return this.#pendingKeychainDeletions.all().map((row) => row.account);
  }

  /** The keychain no longer holds the entry of this deleted profile (removed now, or never there). */
  keychainEntryDeleted(id: string): void {
    this.#keychainEntryDeleted.run(id);
  }

  /** Records that the profile was used (activated) at `at`. */
  touch(id: string, at: number): void {
    this.#touch.run(at, id);
  }
}
