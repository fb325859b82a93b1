import type { Database, Statement } from 'better-sqlite3';
import type { AccountSnapshot } from '../../src-shared/account-model.ts';

/**
 * Version of the stored AccountSnapshot JSON. Bump it when the model changes in a way old JSON would
 * not satisfy: rows of another format are then ignored (as if nothing were cached) instead of handing
 * the renderer an object of the wrong shape; the next refresh replaces them.
 */
export const SNAPSHOT_FORMAT = 1;

interface SnapshotRow {
  snapshot: string;
}

/**
 * The latest snapshot of each profile, one row per profile, the model's JSON as it is (its amounts are
 * decimal strings, so JSON keeps them exact).
 *
 * One row rather than a table per account type: the app always reads and writes a snapshot whole, and
 * a single-row upsert is one atomic statement (its own transaction), so a reader or a crash can never
 * see half of a refresh. fetched_at and server_time are columns too, to answer "how old" without
 * parsing.
 */
export class SnapshotRepository {
  readonly #upsert: Statement<[string, number, string | null, number, string]>;
  readonly #readOne: Statement<[string, number], SnapshotRow>;
  readonly #readAll: Statement<[number], SnapshotRow>;

  constructor(db: Database) {
    this.#upsert = db.prepare(
      `INSERT INTO latest_snapshots (profile_id, fetched_at, server_time, format, snapshot) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (profile_id) DO UPDATE SET
         fetched_at = excluded.fetched_at, server_time = excluded.server_time,
         format = excluded.format, snapshot = excluded.snapshot`,
    );
    this.#readOne = db.prepare('SELECT snapshot FROM latest_snapshots WHERE profile_id = ? AND format = ?');
    this.#readAll = db.prepare('SELECT snapshot FROM latest_snapshots WHERE format = ? ORDER BY profile_id');
  }

  /**
   * Replaces the profile's latest snapshot. The last call wins, even if its fetchedAt is older: the
   * monitor orders refreshes, and refusing older times would freeze the cache after the clock moved back.
   * The profile must exist (foreign key).
   */
  saveLatest(snapshot: AccountSnapshot): void {
    this.#upsert.run(snapshot.profileId, snapshot.fetchedAt, snapshot.serverTime, SNAPSHOT_FORMAT, JSON.stringify(snapshot));
  }

  readLatest(profileId: string): AccountSnapshot | null {
    const row = this.#readOne.get(profileId, SNAPSHOT_FORMAT);
    return row === undefined ? null : (JSON.parse(row.snapshot) as AccountSnapshot);
  }

  /** Every profile's latest snapshot: what the app shows at start, before any network call. */
  readAllLatest(): AccountSnapshot[] {
    return this.#readAll.all(SNAPSHOT_FORMAT).map((row) => JSON.parse(row.snapshot) as AccountSnapshot);
  }
}
