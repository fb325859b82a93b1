import type { Database, Statement } from 'better-sqlite3';
import type { Decimal } from '../kraken/model.ts';
import type { HistoryPoint } from './history-model.ts';

/** One observation of one account of a profile. */
export interface HistoryEntry {
  /** `flex` (the master's flex account), `sub:<uid>` (a subaccount's flex), `wallet:<key>` (single collateral). */
  readonly accountKey: string;
  readonly point: HistoryPoint;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Points younger than this keep every poll. */
export const FULL_RESOLUTION_MS = 48 * HOUR_MS;
/** Older points are thinned to one per quarter hour… */
export const QUARTER_HOUR_MS = 15 * MINUTE_MS;
/** …and those older than this to one per UTC day. */
export const QUARTER_HOUR_RESOLUTION_MS = 90 * DAY_MS;

const ACCOUNT_KEY = /^(flex|sub:.+|wallet:.+)$/;

/**
 * How a group of points (a thinning bucket, or a chart pixel when downsampling) is reduced to one:
 * the point with the LOWEST margin ratio wins, the latest one among equals; points without margin in
 * use (null ratio) only win when no point of the group uses margin, and then the latest one.
 *
 * Why the worst point and not an average or the last one: a dip that nearly liquidated the account is
 * exactly what the history must keep, and an average or a last value would erase it. Why the whole
 * observation and not a column-wise minimum: the kept point is one real moment, so its equity,
 * maintenance margin and ratio still agree with each other in a tooltip. Ordering uses a REAL cast of
 * the exact ratio; two ratios equal to 15 significant digits are equally bad for this purpose.
 */
const WORST_FIRST = 'margin_ratio IS NULL, CAST(margin_ratio AS REAL), t DESC';

interface PointRow {
  t: number;
  margin_equity: string;
  maintenance_margin: string;
  initial_margin: string;
  collateral_value: string;
  available_margin: string;
  margin_ratio: string | null;
}

const POINT_COLUMNS = 't, margin_equity, maintenance_margin, initial_margin, collateral_value, available_margin, margin_ratio';
const SERIES_OF = '(SELECT id FROM history_series WHERE profile_id = @profileId AND account_key = @accountKey)';

function fromRow(row: PointRow): HistoryPoint {
  return {
    t: row.t,
    marginEquity: row.margin_equity as Decimal,
    maintenanceMargin: row.maintenance_margin as Decimal,
    initialMargin: row.initial_margin as Decimal,
    collateralValue: row.collateral_value as Decimal,
    availableMargin: row.available_margin as Decimal,
    marginRatio: row.margin_ratio as Decimal | null,
  };
}

interface RangeParams {
  profileId: string;
  accountKey: string;
  from: number;
  to: number;
}

/**
 * Margin history per profile and account, thinned as it ages so that a year of 10-second polling stays
 * small: every point for 48 h, one per 15 minutes for 90 days, one per UTC day after that.
 * Buckets are aligned to multiples of their length since the epoch (UTC), so thinning is idempotent and
 * a bucket never straddles two runs.
 */
export class HistoryRepository {
  readonly #db: Database;
  readonly #findSeries: Statement<[string, string], { id: number }>;
  readonly #createSeries: Statement<[string, string]>;
  readonly #insertPoint: Statement<[number, number, string, string, string, string, string, string | null]>;
  readonly #dropAllButWorst: Statement<[{ cutoff: number; bucket: number }]>;
  readonly #moveToBucketStart: Statement<[{ cutoff: number; bucket: number }]>;
  readonly #count: Statement<[RangeParams], { n: number }>;
  readonly #range: Statement<[RangeParams], PointRow>;
  readonly #downsampled: Statement<[RangeParams & { buckets: number }], PointRow>;

  // better-sqlite3 binds every JS number as REAL: the CASTs below keep bucket arithmetic integral.
  constructor(db: Database) {
    this.#db = db;
    this.#findSeries = db.prepare('SELECT id FROM history_series WHERE profile_id = ? AND account_key = ?');
    this.#createSeries = db.prepare('INSERT INTO history_series (profile_id, account_key) VALUES (?, ?)');
    // the same instant twice (a repeated refresh): the later observation replaces the earlier one
    this.#insertPoint = db.prepare(`INSERT OR REPLACE INTO history_points (series_id, ${POINT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    // Only buckets holding a point off their start still need work (a thinned bucket is one point at its
    // start), so each run sorts the new points only, not the whole thinned past again.
    this.#dropAllButWorst = db.prepare(
      `DELETE FROM history_points WHERE (series_id, t) IN (
         SELECT series_id, t FROM (
           SELECT series_id, t,
             row_number() OVER (PARTITION BY series_id, t / CAST(@bucket AS INTEGER) ORDER BY ${WORST_FIRST}) AS rank
           FROM history_points
           WHERE t < @cutoff AND (series_id, t / CAST(@bucket AS INTEGER)) IN (
             SELECT series_id, t / CAST(@bucket AS INTEGER) FROM history_points WHERE t < @cutoff AND t % @bucket <> 0
           )
         ) WHERE rank > 1
       )`,
    );
    // one point per bucket is left, so moving it to the bucket start cannot collide
    this.#moveToBucketStart = db.prepare('UPDATE history_points SET t = t - t % @bucket WHERE t < @cutoff AND t % @bucket <> 0');
    this.#count = db.prepare(`SELECT count(*) AS n FROM history_points WHERE series_id = ${SERIES_OF} AND t BETWEEN @from AND @to`);
    this.#range = db.prepare(
      `SELECT ${POINT_COLUMNS} FROM history_points WHERE series_id = ${SERIES_OF} AND t BETWEEN @from AND @to ORDER BY t`,
    );
    this.#downsampled = db.prepare(
      `SELECT ${POINT_COLUMNS} FROM (
         SELECT *, row_number() OVER (PARTITION BY CAST((t - @from) * @buckets / (@to - @from + 1) AS INTEGER) ORDER BY ${WORST_FIRST}) AS rank
         FROM history_points WHERE series_id = ${SERIES_OF} AND t BETWEEN @from AND @to
       ) WHERE rank = 1 ORDER BY t`,
    );
  }

  /** Appends one poll's points (any accounts of one profile) in one transaction. */
  append(profileId: string, entries: readonly HistoryEntry[]): void {
    this.#db.transaction(() => {
      for (const { accountKey, point } of entries) {
        if (!ACCOUNT_KEY.test(accountKey)) throw new RangeError(`Not a history account key: "${accountKey}"`);
        this.#insertPoint.run(
          this.#seriesId(profileId, accountKey),
          point.t,
          point.marginEquity,
          point.maintenanceMargin,
          point.initialMargin,
          point.collateralValue,
          point.availableMargin,
          point.marginRatio,
        );
      }
    })();
  }

  /**
   * Thins every series as of `now`: quarter-hour buckets entirely older than 48 h, then days entirely
   * older than 90 days, each reduced to its worst point (see WORST_FIRST) stamped with the bucket start.
   * Meant to run at start and then about daily; returns how many points it removed.
   */
  thin(now: number): number {
    return this.#db.transaction(() => {
      let removed = 0;
      for (const [age, bucket] of [
        [FULL_RESOLUTION_MS, QUARTER_HOUR_MS],
        [QUARTER_HOUR_RESOLUTION_MS, DAY_MS],
      ] as const) {
        const cutoff = Math.floor((now - age) / bucket) * bucket;
        removed += this.#dropAllButWorst.run({ cutoff, bucket }).changes;
        this.#moveToBucketStart.run({ cutoff, bucket });
      }
      return removed;
    })();
  }

  /**
   * Points of one account with fromMs ≤ t ≤ toMs, oldest first. With maxPoints, a range holding more
   * points is cut into maxPoints equal time slices, each reduced to its worst point, so a chart of any
   * width still shows every dip.
   */
  query(profileId: string, accountKey: string, fromMs: number, toMs: number, maxPoints?: number): HistoryPoint[] {
    if (maxPoints !== undefined && !(Number.isInteger(maxPoints) && maxPoints >= 1)) {
      throw new RangeError(`maxPoints must be a positive integer, got ${maxPoints}`);
    }
    if (toMs < fromMs) return [];
    const range: RangeParams = { profileId, accountKey, from: fromMs, to: toMs };
    const rows =
      maxPoints === undefined || (this.#count.get(range)?.n ?? 0) <= maxPoints
        ? this.#range.all(range)
        : this.#downsampled.all({ ...range, buckets: maxPoints });
    return rows.map(fromRow);
  }

  #seriesId(profileId: string, accountKey: string): number {
    const existing = this.#findSeries.get(profileId, accountKey);
    if (existing !== undefined) return existing.id;
    return Number(this.#createSeries.run(profileId, accountKey).lastInsertRowid);
  }
}
